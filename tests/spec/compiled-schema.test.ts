// Cached validators: code loaded from the cache validates, defaults and reports exactly as a fresh compile, without ajv's compiler.
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Ajv2020 } from "ajv/dist/2020.js"
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { addSchemaKeywords } from "../../src/spec/schema-keywords.ts"
import { experimentSchema } from "../../src/spec/validate-schema.ts"
import { withSectionDefaults } from "../../src/spec/schema-defaults.ts"

type Module = typeof import("../../src/spec/compiled-schema.ts")

/** A fresh copy of the module: its in-process memo is empty, so it reads the disk cache. */
const freshModule = async (): Promise<Module> => {
  vi.resetModules()
  return import("../../src/spec/compiled-schema.ts")
}

const options = { allErrors: true, useDefaults: true, verbose: true } as const
const schema = withSectionDefaults(experimentSchema as Record<string, unknown>)
const badSpec = () => ({
  name: "x", data: { train: { use: "synthetic", with: { steps: [3, 1] } } }, teachers: { a: { use: "t", temperature: "hot" } },
  judge: { use: "math" }, mixes: { m: { a: 1 } }, students: { family: "tiny", sizes: ["xs"] }, train: { method: "sft", epochs: -1 }
})
const goodSpec = () => ({
  name: "x", data: { train: { use: "synthetic" }, eval: { e: { use: "synthetic" } } }, teachers: { a: { use: "t" } }, judge: { use: "math" },
  mixes: { m: { a: 1 } }, students: { family: "tiny", sizes: ["xs"] }, train: { method: "sft" }
})
const rangeSchema = { type: "object", properties: { steps: { type: "array", items: { type: "integer" }, orderedItems: true } } }

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "schemas-"))
  vi.stubEnv("DISTILL_SCHEMA_CACHE", dir)
})
afterEach(() => {
  vi.unstubAllEnvs()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe("compiledValidator", () => {
  it("writes standalone code on the first compile; the code loaded back gives the same verdicts, errors and defaults", async () => {
    const reference = addSchemaKeywords(new Ajv2020({ ...options })).compile(schema)
    const first = (await freshModule()).compiledValidator(schema, options)
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".cjs"))).toHaveLength(1)
    const loaded = (await freshModule()).compiledValidator(schema, options)
    expect(loaded).not.toBe(first)
    for (const make of [badSpec, goodSpec]) {
      const [a, b, c] = [make(), make(), make()]
      const verdicts = [reference(a), first(b), loaded(c)]
      expect(verdicts[1]).toBe(verdicts[0])
      expect(verdicts[2]).toBe(verdicts[0])
      expect(loaded.errors ?? null).toEqual(reference.errors ?? null)
      expect(c).toEqual(a)
    }
    expect(reference(badSpec())).toBe(false)
    expect(reference(goodSpec())).toBe(true)
  })

  it("refuses an inverted range from cached code with the orderedItems keyword", async () => {
    ;(await freshModule()).compiledValidator(rangeSchema, { allErrors: true })
    const validate = (await freshModule()).compiledValidator(rangeSchema, { allErrors: true })
    expect(validate({ steps: [1, 3] })).toBe(true)
    expect(validate({ steps: [3, 3] })).toBe(true)
    expect(validate({ steps: [4, 2] })).toBe(false)
    expect(validate.errors?.map((e) => [e.keyword, e.instancePath])).toEqual([["orderedItems", "/steps"]])
  })

  it("keys the cache by schema and options: a changed schema compiles anew", async () => {
    const m = await freshModule()
    const strict = m.compiledValidator({ type: "object", properties: { a: { type: "integer" } } }, { allErrors: true })
    const loose = m.compiledValidator({ type: "object", properties: { a: { type: "number" } } }, { allErrors: true })
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".cjs"))).toHaveLength(2)
    expect(strict({ a: 1.5 })).toBe(false)
    expect(loose({ a: 1.5 })).toBe(true)
  })

  it("recompiles over a damaged cache file", async () => {
    ;(await freshModule()).compiledValidator(rangeSchema, {})
    const [file] = fs.readdirSync(dir)
    fs.writeFileSync(path.join(dir, file!), "module.exports = (")
    const validate = (await freshModule()).compiledValidator(rangeSchema, {})
    expect(validate({ steps: [2, 1] })).toBe(false)
    expect(fs.readFileSync(path.join(dir, file!), "utf8")).toContain("orderedItems")
  })

  it("a process with a warm cache never loads ajv's compiler", () => {
    const script = [
      `import { compiledValidator } from ${JSON.stringify(path.resolve("src/spec/compiled-schema.ts"))}`,
      `import { createRequire } from "node:module"`,
      `const v = compiledValidator(${JSON.stringify(rangeSchema)}, { allErrors: true })`,
      `const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => /ajv[\\\\/]dist[\\\\/](core|compile)/.test(f))`,
      `console.log(JSON.stringify({ ok: v({ steps: [2, 1] }) === false, loaded }))`
    ].join("\n")
    const file = path.join(dir, "probe.mts")
    fs.writeFileSync(file, script)
    const run = () => spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", file], {
      encoding: "utf8", env: { ...process.env, DISTILL_SCHEMA_CACHE: dir }
    })
    const cold = JSON.parse(run().stdout) as { ok: boolean; loaded: string[] }
    expect(cold.ok).toBe(true)
    expect(cold.loaded.length).toBeGreaterThan(0)
    const warm = JSON.parse(run().stdout) as { ok: boolean; loaded: string[] }
    expect(warm).toEqual({ ok: true, loaded: [] })
  })
})
