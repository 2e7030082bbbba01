// Schema transforms that make defaults reach every optional section, and the "after defaults" view used for types.
type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v)

const clone = <T>(v: T): T => structuredClone(v)

const deref = (root: Json, schema: Json): Json => {
  const ref = schema["$ref"]
  if (typeof ref !== "string" || !ref.startsWith("#/")) return schema
  let target: unknown = root
  for (const part of ref.slice(2).split("/")) target = isObject(target) ? target[part] : undefined
  return isObject(target) ? deref(root, target) : schema
}

/** Visits every schema object that has `properties` (root, $defs, nested). */
const eachObjectSchema = (node: unknown, visit: (schema: Json) => void): void => {
  if (Array.isArray(node)) {
    node.forEach((n) => eachObjectSchema(n, visit))
    return
  }
  if (!isObject(node)) return
  if (isObject(node["properties"])) visit(node)
  for (const value of Object.values(node)) eachObjectSchema(value, visit)
}

const hasDefaults = (schema: Json): boolean =>
  isObject(schema["properties"]) && Object.values(schema["properties"]).some((p) => isObject(p) && "default" in p)

/**
 * Gives `default: {}` to every optional object property whose own properties have defaults and none required
 * (filter, mixing, evaluate, report, leakage, teacher limits), so ajv's useDefaults fills them even when absent.
 */
export const withSectionDefaults = (schema: Json): Json => {
  const out = clone(schema)
  eachObjectSchema(out, (parent) => {
    for (const prop of Object.values(parent["properties"] as Json)) {
      if (!isObject(prop) || "default" in prop) continue
      const target = deref(out, prop)
      const required = target["required"]
      if (target["type"] === "object" && hasDefaults(target) && (!Array.isArray(required) || required.length === 0)) {
        prop["default"] = {}
      }
    }
  })
  return out
}

/**
 * The schema of a spec after loading: section defaults applied and every property with a default required.
 * Annotations beside `$ref` are dropped so that each definition yields one named type.
 */
export const resolvedSchema = (schema: Json): Json => {
  const out = withSectionDefaults(schema)
  eachObjectSchema(out, (parent) => {
    const props = parent["properties"] as Json
    const defaulted = Object.keys(props).filter((k) => isObject(props[k]) && "default" in (props[k] as Json))
    const required = Array.isArray(parent["required"]) ? parent["required"] as Array<string> : []
    if (defaulted.length > 0) parent["required"] = [...required, ...defaulted.filter((k) => !required.includes(k))]
    for (const key of Object.keys(props)) {
      const prop = props[key]
      if (isObject(prop) && typeof prop["$ref"] === "string") props[key] = { $ref: prop["$ref"] }
    }
  })
  return out
}
