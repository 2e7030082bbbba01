// What the CLI loads at start: no effect barrel, and no grader, provider SDK or schema compiler a command does not use.
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { repoRoot } from "../support/cli.ts"

let dir: string
const hook = () => path.join(dir, "log-modules.mjs")

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "module-graph-"))
  fs.writeFileSync(hook(), [
    `import { registerHooks } from "node:module"`,
    `import { writeFileSync } from "node:fs"`,
    `const urls = []`,
    `registerHooks({ load(url, context, next) { urls.push(url); return next(url, context) } })`,
    `process.on("exit", () => writeFileSync(process.env.MODULE_LOG, JSON.stringify(urls)))`
  ].join("\n"))
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/**
 * The module URLs `distill <args>` loads (node_modules paths shortened to `nm:<package path>`), without the vendor
 * bundle, so every package module shows by name (tests/vendor has the bundle's own).
 */
const loaded = (args: ReadonlyArray<string>, env: Record<string, string> = {}): ReadonlyArray<string> => {
  const log = path.join(dir, `modules-${Math.random().toString(36).slice(2)}.json`)
  const r = spawnSync(process.execPath, ["--import", hook(), "--disable-warning=ExperimentalWarning", path.join(repoRoot, "src/cli/main.ts"), ...args], {
    cwd: repoRoot, encoding: "utf8", env: { ...process.env, DISTILL_VENDOR: "0", DISTILL_RUNS: path.join(dir, "runs"), DISTILL_SCHEMA_CACHE: path.join(dir, "schemas"), MODULE_LOG: log, ...env }
  })
  expect(r.status, r.stderr).toBe(0)
  return (JSON.parse(fs.readFileSync(log, "utf8")) as Array<string>).map((u) => u.replace(/^.*\/node_modules\//, "nm:"))
}

const matching = (urls: ReadonlyArray<string>, pattern: RegExp) => urls.filter((u) => pattern.test(u))

const SDKS = /^nm:(openai|@anthropic-ai|@google\/genai|@huggingface)\//
const GRADERS = /^nm:(mathjs|fraction\.js|@cortex-js|typed-function)\//
const AJV_COMPILER = /^nm:ajv\/dist\/(core|compile|2020)/

describe("the CLI's module graph", () => {
  it("no source file imports effect's barrels (run scripts/effect-subpath-imports.ts)", () => {
    const offenders: string[] = []
    for (const top of ["src", "plugins"]) {
      for (const rel of fs.readdirSync(path.join(repoRoot, top), { recursive: true, encoding: "utf8" })) {
        if (!rel.endsWith(".ts")) continue
        const text = fs.readFileSync(path.join(repoRoot, top, rel), "utf8")
        if (/from "effect(\/cli)?"/.test(text)) offenders.push(`${top}/${rel}`)
      }
    }
    expect(offenders).toEqual([])
  })

  it("--help loads the commands' definitions only: no spec, plan or store code, no yaml, no ajv", () => {
    const urls = loaded(["--help"])
    expect(matching(urls, /^nm:effect\/dist\/(index|cli\/index)\.js$/)).toEqual([])
    expect(matching(urls, /\/src\/(spec|plan|store\/store|run)\//)).toEqual([])
    expect(matching(urls, /^nm:(yaml|ajv)\//)).toEqual([])
  })

  it("run with plain arguments loads no command-line parser: neither effect/cli nor the commands' definitions", () => {
    const plain = loaded(["run", "experiments/quickstart.yaml", "--only", "dataset/train"])
    expect(matching(plain, /^nm:effect\/dist\/cli\//)).toEqual([])
    expect(matching(plain, /\/src\/cli\/(program|commands\/)/)).toEqual([])
    expect(matching(plain, /\/src\/cli\/run-experiment\.ts$/).length).toBe(1)
    const parsed = loaded(["--log-level", "info", "run", "experiments/quickstart.yaml", "--only", "dataset/train"])
    expect(matching(parsed, /^nm:effect\/dist\/cli\/Command\.js$/).length).toBe(1)
    expect(matching(parsed, /\/src\/cli\/commands\/run\.ts$/).length).toBe(1)
  })

  it("validate loads no grader and no SDK, and with a warm schema cache no ajv compiler", () => {
    const spec = path.join(dir, "api.yaml")
    fs.writeFileSync(spec, `name: api
data:
  train: { use: synthetic, with: { count: 4 } }
  eval:
    test: { use: synthetic, with: { count: 2, split: test } }
teachers:
  a: { use: openai-compatible, with: { model: m, base_url: "http://127.0.0.1:9/v1", require_api_key: false } }
  b: { use: anthropic, with: { model: claude-x } }
  c: { use: google, with: { model: gemini-x } }
judge: { use: chain, with: { llm: { use: llm, with: { teacher: { use: openai-compatible, with: { model: j, base_url: "http://127.0.0.1:9/v1", require_api_key: false } } } } } }
mixes:
  all: { a: 1 }
students: { family: tiny, sizes: [xs] }
train: { method: sft }
`)
    const cold = loaded(["validate", spec, "experiments/quickstart.yaml"])
    expect(matching(cold, SDKS)).toEqual([])
    expect(matching(cold, GRADERS)).toEqual([])
    expect(matching(cold, AJV_COMPILER).length).toBeGreaterThan(0)
    const warm = loaded(["validate", spec, "experiments/quickstart.yaml"])
    expect(matching(warm, AJV_COMPILER)).toEqual([])
    expect(matching(warm, /^nm:effect\/dist\/index\.js$/)).toEqual([])
  })
})
