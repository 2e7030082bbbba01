import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { SPEC_FIELD_ROLES } from "../../src/plan/field-roles.ts"

type Schema = Record<string, any>
const root = path.resolve(import.meta.dirname, "../..")
const spec: Schema = JSON.parse(fs.readFileSync(path.join(root, "schemas/experiment.schema.json"), "utf8"))
const defs: Schema = spec.$defs ?? spec.definitions ?? {}
const deref = (s: Schema | undefined): Schema | undefined => {
  let x = s
  while (x?.$ref !== undefined) x = defs[String(x.$ref).split("/").pop()!]
  return x
}

/** Every leaf field of the experiment schema as a pointer pattern; plugin `with:` blocks are left to plugin schemas. */
const leaves = (s: Schema | undefined, at: string, out: string[] = []): string[] => {
  const x = deref(s)
  if (x === undefined) return out
  const alternatives = [...(x.anyOf ?? []), ...(x.oneOf ?? [])].map(deref).filter((a: Schema | undefined) => a?.properties !== undefined)
  if (x.properties !== undefined || alternatives.length > 0) {
    const props = { ...Object.assign({}, ...alternatives.map((a) => a!.properties)), ...(x.properties ?? {}) }
    for (const [k, v] of Object.entries(props)) if (k !== "with") leaves(v as Schema, `${at}/${k}`, out)
    const scalarToo = [...(x.anyOf ?? []), ...(x.oneOf ?? [])].some((a: Schema) => deref(a)?.properties === undefined && Object.keys(deref(a) ?? {}).some((k) => k !== "required"))
    if (scalarToo) out.push(at)
    return out
  }
  if (typeof x.additionalProperties === "object") return leaves(x.additionalProperties, `${at}/*`, out)
  if (x.type === "array" && deref(x.items)?.properties !== undefined) return leaves(x.items, `${at}/[]`, out)
  out.push(at)
  return out
}

describe("every field is classified for keys", () => {
  it("each field of the experiment schema is meaning, resource or location, and the table names no missing field", () => {
    const fields = leaves(spec, "")
    const unclassified = fields.filter((f) => SPEC_FIELD_ROLES[f] === undefined)
    expect(unclassified, "add these to SPEC_FIELD_ROLES in src/plan/field-roles.ts").toEqual([])
    const stale = Object.keys(SPEC_FIELD_ROLES).filter((f) => !fields.includes(f))
    expect(stale, "fields no longer in the schema").toEqual([])
  })

  it("each property of every built-in plugin's config schema carries x-key", () => {
    const files = fs.readdirSync(path.join(root, "plugins"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith("config.schema.json"))
    expect(files.length).toBeGreaterThan(10)
    for (const f of files) {
      const s: Schema = JSON.parse(fs.readFileSync(path.join(root, "plugins", f), "utf8"))
      for (const [name, prop] of Object.entries<Schema>(s.properties ?? {})) {
        expect(["meaning", "resource", "location"], `${f}: ${name}`).toContain(prop["x-key"])
      }
    }
  })
})
