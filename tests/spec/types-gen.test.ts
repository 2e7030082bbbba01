// Tests that the spec types are generated from the schema and that the committed file is current.
import * as fs from "node:fs"
import { describe, expect, it } from "vitest"
import { generateSpecTypes, specTypesFile } from "../../scripts/gen-spec-types.ts"
import { experimentSchema } from "../../src/spec/index.ts"
import { resolvedSchema, withSectionDefaults } from "../../src/spec/schema-defaults.ts"

describe("generated spec types", () => {
  it("src/spec/types.gen.ts is up to date (run: node scripts/gen-spec-types.ts)", async () => {
    expect(fs.readFileSync(specTypesFile, "utf8")).toBe(await generateSpecTypes())
  })

  it("gives optional sections with defaults an empty default so their defaults apply", () => {
    const s = withSectionDefaults(experimentSchema) as { properties: Record<string, Record<string, unknown>>; $defs: { teacher: { properties: Record<string, Record<string, unknown>> } } }
    for (const key of ["filter", "mixing", "evaluate", "report", "leakage"]) expect(s.properties[key]?.["default"], key).toEqual({})
    expect(s.$defs.teacher.properties["limits"]?.["default"]).toEqual({})
    for (const key of ["budget", "expected", "students", "judge"]) expect(s.properties[key]?.["default"], key).toBeUndefined()
    expect((experimentSchema as { properties: Record<string, Record<string, unknown>> }).properties["filter"]?.["default"]).toBeUndefined()
  })

  it("requires every property with a default in the resolved view", () => {
    const s = resolvedSchema(experimentSchema) as { required: Array<string>; $defs: { train: { required: Array<string> } } }
    expect(s.required).toEqual(expect.arrayContaining(["name", "seed", "filter", "mixing", "evaluate", "report", "leakage"]))
    expect(s.required).not.toContain("budget")
    expect(s.$defs.train.required).toEqual(expect.arrayContaining(["method", "epochs", "lr", "prompt"]))
    expect(s.$defs.train.required).not.toContain("base")
  })
})
