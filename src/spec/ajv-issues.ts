// Turns ajv errors into located-ready issues a researcher understands: plain words, one message per anyOf.
import type { ErrorObject } from "ajv"
import { closest } from "../plugins/suggest.ts"
import { describeSchema, firstSentence, showValue, typeWords } from "./describe.ts"
import type { Issue } from "./diagnostic.ts"
import { suggestKey } from "./key-suggest.ts"
import { childPointer } from "./pointer.ts"

type Err = ErrorObject

const within = (child: Err, parent: Err): boolean =>
  child !== parent && child.schemaPath.startsWith(parent.schemaPath + "/") && child.instancePath.startsWith(parent.instancePath)

const branchOf = (child: Err, parent: Err): string => child.schemaPath.slice(parent.schemaPath.length + 1).split("/")[0]!

const SHAPE_KEYWORDS = new Set(["type", "enum", "const", "anyOf", "oneOf", "false schema"])

/** Errors of the one alternative whose shape matched the value, when exactly one did. */
const matchedBranch = (children: ReadonlyArray<Err>, parent: Err): ReadonlyArray<Err> | undefined => {
  const branches = new Map<string, Array<Err>>()
  for (const c of children) branches.set(branchOf(c, parent), [...(branches.get(branchOf(c, parent)) ?? []), c])
  const matched = [...branches.values()].filter((errs) =>
    errs.every((e) => e.instancePath !== parent.instancePath || !SHAPE_KEYWORDS.has(e.keyword)))
  return matched.length === 1 ? matched[0] : undefined
}

const enumSuggestion = (value: unknown, options: ReadonlyArray<unknown>): string | undefined =>
  typeof value === "string" ? closest(value, options.filter((o): o is string => typeof o === "string")) : undefined

const alternatives = (e: Err, base: string): Issue => {
  const branches = Array.isArray(e.schema) ? e.schema : []
  const expected = branches.map(describeSchema).join("; or ")
  const options = branches.flatMap((b) => (Array.isArray((b as { enum?: unknown }).enum) ? (b as { enum: Array<unknown> }).enum : []))
  const suggestion = enumSuggestion(e.data, options)
  return {
    pointer: base + e.instancePath, message: `must be ${expected} (got ${showValue(e.data)})`, expected,
    ...(suggestion === undefined ? {} : { suggestion })
  }
}

const patternText = (e: Err, subject: string): string => {
  const words = firstSentence((e.parentSchema as { description?: unknown } | undefined)?.description)
  return `${subject} must match ${String(e.params["pattern"])}${words === undefined ? "" : ` (${words.charAt(0).toLowerCase()}${words.slice(1)})`}`
}

/** One ajv error in words. */
const single = (e: Err, base: string): Issue => {
  const pointer = base + e.instancePath
  const p = e.params as Record<string, unknown>
  const got = showValue(e.data)
  switch (e.keyword) {
    case "type": {
      const expected = typeWords(p["type"])
      return { pointer, message: `must be ${expected} (got ${got})`, expected }
    }
    case "enum": {
      const values = (p["allowedValues"] as Array<unknown>) ?? []
      const expected = `one of: ${values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ")}`
      const suggestion = enumSuggestion(e.data, values)
      return { pointer, message: `must be ${expected} (got ${got})`, expected, ...(suggestion === undefined ? {} : { suggestion }) }
    }
    case "const":
      return { pointer, message: `must be ${JSON.stringify(p["allowedValue"])} (got ${got})` }
    case "required": {
      const key = String(p["missingProperty"])
      return { pointer: childPointer(pointer, key), message: `missing required key '${key}'` }
    }
    case "additionalProperties": {
      const key = String(p["additionalProperty"])
      const properties = ((e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties) ?? {}
      const allowed = Object.keys(properties)
      const suggestion = suggestKey(key, properties)
      const list = allowed.length === 0 ? "" : ` (allowed: ${allowed.join(", ")})`
      return {
        pointer: childPointer(pointer, key), atKey: true, expected: `one of: ${allowed.join(", ")}`,
        message: suggestion === undefined ? `unknown key '${key}'${list}` : `unknown key '${key}'`,
        ...(suggestion === undefined ? {} : { suggestion })
      }
    }
    case "minimum": case "maximum": case "exclusiveMinimum": case "exclusiveMaximum":
      return { pointer, message: `must be ${String(p["comparison"])} ${String(p["limit"])} (got ${got})`, expected: `a number ${String(p["comparison"])} ${String(p["limit"])}` }
    case "minItems":
      return { pointer, message: p["limit"] === 1 ? `must not be empty (got ${got})` : `must have at least ${String(p["limit"])} items` }
    case "maxItems":
      return { pointer, message: `must have at most ${String(p["limit"])} items` }
    case "minProperties":
      return { pointer, message: p["limit"] === 1 ? `must not be empty; add at least one entry` : `must have at least ${String(p["limit"])} entries` }
    case "minLength":
      return { pointer, message: p["limit"] === 1 ? "must not be an empty string" : `must be at least ${String(p["limit"])} characters long` }
    case "uniqueItems": {
      const [i, j] = [Number(p["i"]), Number(p["j"])]
      const items = Array.isArray(e.data) ? e.data : []
      return { pointer: childPointer(pointer, Math.max(i, j)), message: `repeats ${showValue(items[Math.max(i, j)])} (items ${Math.min(i, j)} and ${Math.max(i, j)}); items must be unique` }
    }
    case "pattern":
      return { pointer, message: patternText(e, got) }
    case "format":
      return { pointer, message: `must be a valid ${String(p["format"])} (got ${got})` }
    case "orderedItems": {
      const items = Array.isArray(e.data) ? e.data.map(showValue).join(", ") : got
      return { pointer, message: `inverted range [${items}]: the first value must not be greater than the second`, expected: "[min, max] with min <= max" }
    }
    case "false schema":
      return { pointer, message: "is not allowed here" }
    default:
      return { pointer, message: `${e.message ?? "is invalid"} (got ${got})` }
  }
}

const isAlternatives = (e: Err): boolean => e.keyword === "anyOf" || e.keyword === "oneOf"

const convert = (errors: ReadonlyArray<Err>, base: string): Array<Issue> => {
  const groups = errors.filter(isAlternatives)
  const nested = new Set(errors.filter((e) => groups.some((g) => within(e, g))))
  const out: Array<Issue> = []
  for (const e of errors) {
    if (nested.has(e)) continue
    if (isAlternatives(e)) {
      const children = errors.filter((c) => within(c, e))
      const branch = matchedBranch(children, e)
      if (branch !== undefined) out.push(...convert(branch, base))
      else out.push(children.length === 0 ? single(e, base) : alternatives(e, base))
    } else if (e.keyword === "propertyNames") {
      const name = String(e.params["propertyName"])
      if (errors.some((c) => c !== e && c.propertyName === name && c.instancePath === e.instancePath)) continue
      out.push({ pointer: childPointer(base + e.instancePath, name), atKey: true, message: `invalid name '${name}'` })
    } else if (e.propertyName !== undefined) {
      const message = e.keyword === "pattern" ? patternText(e, `name '${e.propertyName}'`) : `name '${e.propertyName}' ${single(e, base).message}`
      out.push({ pointer: childPointer(base + e.instancePath, e.propertyName), atKey: true, message })
    } else {
      out.push(single(e, base))
    }
  }
  return out
}

/** Issues for ajv errors (validated with `allErrors` and `verbose`); `base` prefixes every pointer. */
export const ajvIssues = (errors: ReadonlyArray<ErrorObject>, base = ""): ReadonlyArray<Issue> => {
  const seen = new Set<string>()
  return convert(errors, base).filter((i) => {
    const key = `${i.pointer}\u0000${i.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
