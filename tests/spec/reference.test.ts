// Tests that README.md's spec reference is the one the schema generates, and how it is rendered.
import * as fs from "node:fs"
import { describe, expect, it } from "vitest"
import { readmeFile, readmeWithReference } from "../../scripts/gen-spec-reference.ts"
import { renderSpecReference, withSpecReference } from "../../src/spec/reference.ts"

describe("spec reference", () => {
  it("README.md is up to date (run: node scripts/gen-spec-reference.ts)", () => {
    expect(fs.readFileSync(readmeFile, "utf8")).toBe(readmeWithReference())
  })

  it("lists every field with its type, default and description", () => {
    const schema = {
      type: "object",
      properties: { seed: { type: "integer", default: 0, description: "Master seed." } },
      $defs: {}
    }
    const text = renderSpecReference(schema)
    expect(text).toContain("seed")
    expect(text).toContain("integer")
    expect(text).toContain("Master seed.")
  })

  it("replaces only the text between the markers and refuses a document without them", () => {
    const doc = "intro\n<!-- spec-reference:start -->\nold\n<!-- spec-reference:end -->\noutro\n"
    const out = withSpecReference(doc, { type: "object", properties: {}, $defs: {} })
    expect(out.startsWith("intro\n<!-- spec-reference:start -->\n")).toBe(true)
    expect(out.endsWith("<!-- spec-reference:end -->\noutro\n")).toBe(true)
    expect(out).not.toContain("old")
    expect(() => withSpecReference("no markers", {})).toThrow(/markers/)
  })
})
