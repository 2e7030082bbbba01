// A refused API key through the CLI: the provider stops at its first answers, the node fails once, the key is nowhere.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { distillAsync } from "../support/cli.ts"
import { type Loopback, startLoopback } from "../support/providers/loopback.ts"
import { openAiWire } from "../support/providers/openai-wire.ts"

const KEY = "sk-loopback-WRONG-key-0123456789"

/** Runs the CLI without blocking this process, which serves the loopback provider. */
const run = (args: string[], env: Record<string, string>) =>
  new Promise<{ status: number | null; out: string }>((resolve) => {
    const child = distillAsync(args, env)
    let out = ""
    child.stdout!.on("data", (d) => { out += String(d) })
    child.stderr!.on("data", (d) => { out += String(d) })
    child.once("close", (status) => resolve({ status, out }))
  })

const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))

describe("a refused API key", () => {
  let server: Loopback
  beforeAll(async () => { server = await startLoopback(openAiWire(), { script: () => ({ kind: "auth" }) }) })
  afterAll(() => server.close())

  it("stops the provider at the first answers instead of dead-lettering every sample", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "auth-"))
    const spec = path.join(dir, "spec.yaml")
    fs.writeFileSync(spec, `name: auth
data:
  train: { use: synthetic, with: { count: 40, split: train, seed: 1 } }
  eval:
    test: { use: synthetic, with: { count: 4, split: test, seed: 2 } }
teachers:
  t: { use: openai-compatible, with: { model: m, base_url: "${server.url}/v1", api_key_env: AUTH_TEST_KEY }, limits: { concurrency: 3 } }
judge: { use: math }
mixes:
  all: { t: 1 }
students: { family: tiny, sizes: [xs] }
train: { method: sft }
`)
    const runs = path.join(dir, "runs")
    const result = await run(["run", spec, "--only", "generate/t"], { DISTILL_RUNS: runs, AUTH_TEST_KEY: KEY })
    expect(result.status, result.out).toBe(1)
    expect(server.requests.length).toBeLessThanOrEqual(3)
    expect(result.out).toMatch(/refused the API key/u)
    expect(result.out).not.toContain(KEY)
    const generations = fs.globSync(path.join(runs, "store/generate/*/generations.jsonl"))
    const dead = generations.flatMap((f) => fs.readFileSync(f, "utf8").split("\n").filter((l) => l.includes('"dead"')))
    expect(dead).toEqual([])
    for (const file of filesUnder(runs)) expect(fs.readFileSync(file, "utf8"), file).not.toContain(KEY)
  }, 60_000)
})
