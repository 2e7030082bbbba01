// The `orderedItems` schema keyword: a [min, max] list whose items must not decrease (an inverted range is refused).
import type { Ajv } from "ajv"

/** The keyword's name, as written in a schema: `"orderedItems": true`. */
export const ORDERED_ITEMS = "orderedItems"

const ordered = (data: ReadonlyArray<unknown>): boolean =>
  data.every((v, i) => i === 0 || typeof v !== "number" || typeof data[i - 1] !== "number" || (data[i - 1] as number) <= v)

/** Teaches `ajv` the `orderedItems` keyword (numbers in a list must not decrease). */
export const addRangeKeyword = <A extends Pick<Ajv, "addKeyword">>(ajv: A): A => {
  ajv.addKeyword({
    keyword: ORDERED_ITEMS,
    type: "array",
    schemaType: "boolean",
    errors: false,
    validate: (enabled: boolean, data: ReadonlyArray<unknown>) => !enabled || ordered(data)
  })
  return ajv
}
