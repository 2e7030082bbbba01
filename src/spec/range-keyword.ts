// The `orderedItems` schema keyword: a [min, max] list whose items must not decrease (an inverted range is refused).
import { createRequire } from "node:module"
import type { Ajv, KeywordCxt } from "ajv"

/** The keyword's name, as written in a schema: `"orderedItems": true`. */
export const ORDERED_ITEMS = "orderedItems"

const require = createRequire(import.meta.url)

/**
 * Teaches `ajv` the `orderedItems` keyword (numbers in a list must not decrease). It generates code rather than calling
 * a function, so validators that use it can be saved as ajv standalone code.
 */
export const addRangeKeyword = <A extends Pick<Ajv, "addKeyword">>(ajv: A): A => {
  ajv.addKeyword({
    keyword: ORDERED_ITEMS,
    type: "array",
    schemaType: "boolean",
    code: (cxt: KeywordCxt) => {
      if (cxt.schema !== true) return
      const { _ } = require("ajv/dist/compile/codegen/index.js") as typeof import("ajv/dist/compile/codegen/index.js")
      const d = cxt.data
      cxt.fail(_`${d}.some((v, i) => i > 0 && typeof v === "number" && typeof ${d}[i - 1] === "number" && ${d}[i - 1] > v)`)
    }
  })
  return ajv
}
