// Plain-words descriptions of values and schema fragments for error messages.

const MAX_SHOWN = 40

/** A short rendering of a value: strings quoted and cut, collections named. */
export const showValue = (value: unknown): string => {
  if (value === null || value === undefined) return "nothing"
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list"
  if (typeof value === "object") return Object.keys(value).length === 0 ? "an empty mapping" : "a mapping"
  const text = JSON.stringify(value)
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 4)}..."` : text
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  integer: "a whole number", number: "a number", string: "a string", object: "a mapping",
  array: "a list", boolean: "true or false", null: "null"
}

/** "a number", "a string or a list", ... for a JSON Schema `type`. */
export const typeWords = (type: unknown): string =>
  (Array.isArray(type) ? type : [type]).map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(" or ")

/** The first sentence of a schema description, without its final period. */
export const firstSentence = (description: unknown): string | undefined =>
  typeof description === "string" ? description.split(/\.(\s|$)/)[0] : undefined

/** What a subschema accepts, in words (used to collapse anyOf alternatives). */
export const describeSchema = (schema: unknown): string => {
  if (typeof schema !== "object" || schema === null) return schema === false ? "nothing" : "anything"
  const s = schema as Record<string, unknown>
  if (Array.isArray(s["enum"])) return s["enum"].map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ")
  if ("const" in s) return JSON.stringify(s["const"])
  if (s["type"] === "array") {
    const items = s["items"] === undefined ? "" : ` of ${describeSchema(s["items"])}`
    return `a list${items}`
  }
  if (s["type"] === "object" && typeof s["properties"] === "object" && s["properties"] !== null) {
    return `a mapping with ${Object.keys(s["properties"]).join(", ")}`
  }
  if (s["type"] !== undefined) return typeWords(s["type"])
  return "a value of another shape"
}
