// The project's own JSON Schema keywords, taught to every ajv that validates spec or plugin schemas.
import type { Ajv } from "ajv"
import { addRangeKeyword } from "./range-keyword.ts"

/** The annotation that classifies a plugin config field for cache keys: meaning, resource or location. */
export const X_KEY = "x-key"

/** Teaches `ajv` `orderedItems` and the `x-key` annotation. */
export const addSchemaKeywords = <A extends Pick<Ajv, "addKeyword">>(ajv: A): A => {
  addRangeKeyword(ajv)
  ajv.addKeyword({ keyword: X_KEY, schemaType: "string", metaSchema: { enum: ["meaning", "resource", "location"] } })
  return ajv
}
