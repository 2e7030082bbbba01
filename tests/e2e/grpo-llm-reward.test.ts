// A GRPO stage whose reward is an LLM judge on a loopback server: the key reaches it unwritten, calls are policed and cached.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { hasTorch } from "../students/train-fixture.ts"
import { distillAwait } from "../support/cli.ts"
import { sentKey } from "../support/providers/faults.ts"
import { type Loopback, startLoopback } from "../support/providers/loopback.ts"
import { openAiWire } from "../support/providers/openai-wire.ts"

const KEY = "sk-loopback-reward-judge-5f3a9c"
const GRPO = "train/short/xs/grpo/s1"

const spec = (url: string, extra = "", completionTokens = 8) => `name: grpo-llm-reward
seed: 1
${extra}data:
  train: { use: synthetic, with: { count: 6, steps: [1, 1], max_value: 20, split: train } }
  eval:
    test: { use: synthetic, with: { count: 4, steps: [1, 1], max_value: 20, split: test } }
teachers:
  short: { use: synthetic-solver, with: { style: short } }
judge:
  use: llm
  with:
    teacher:
      use: openai-compatible
      with: { model: judge-model, base_url: "${url}/v1" }
    price: { input_per_m: 1000, output_per_m: 1000 }
mixes:
  short: { short: 1 }
students: { family: tiny, sizes: [xs] }
train:
  method: sft
  max_steps: 4
  batch_size: 4
  stages:
    - { name: grpo, method: grpo, from: sft, group_size: 3, max_steps: 3, batch_size: 2, max_completion_tokens: ${completionTokens} }
evaluate: { max_new_tokens: 8 }
`

/** Every file under `dir` whose bytes contain `needle`. */
const filesContaining = (dir: string, needle: string): string[] =>
  fs.globSync(path.join(dir, "**/*")).filter((f) => fs.statSync(f).isFile() && fs.readFileSync(f).includes(needle))

const grpoEntry = (dir: string): string => path.dirname(fs.globSync(path.join(dir, "runs/store/train/*/prompts.jsonl"))[0]!)

const judgeCalls = (entry: string): Record<string, number> =>
  (JSON.parse(fs.readFileSync(path.join(entry, "manifest.json"), "utf8")) as { summary: { judgeCalls: Record<string, number> } }).summary.judgeCalls

describe.skipIf(!hasTorch)("GRPO with an LLM judge as its reward (needs a Python with torch)", () => {
  let server: Loopback
  beforeAll(async () => { server = await startLoopback(openAiWire()) })
  afterAll(() => server.close())

  it("sends the reward judge's calls with the key, re-runs them from the raw tier, stops at the budget, and writes no key", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grpo-llm-"))
    const file = path.join(dir, "spec.yaml")
    fs.writeFileSync(file, spec(server.url))
    const env = { DISTILL_RUNS: path.join(dir, "runs"), DISTILL_LIMITS_DIR: path.join(dir, "limits"), OPENAI_API_KEY: KEY }
    server.script = () => ({ kind: "ok" })
    const sft = await distillAwait(["run", file, "--only", "train/short/xs/sft/s1"], env)
    expect(sft.status, sft.stdout + sft.stderr).toBe(0)
    const before = server.requests.length

    const first = await distillAwait(["run", file, "--only", GRPO], env)
    expect(first.status, first.stdout + first.stderr).toBe(0)
    const made = server.requests.slice(before)
    expect(made.length).toBeGreaterThan(0)
    expect(new Set(made.map(sentKey))).toEqual(new Set([KEY]))
    const entry = grpoEntry(dir)
    const calls = judgeCalls(entry)
    // 3 steps x 2 prompts x 3 completions judged; a completion repeated for its prompt is served from the raw tier
    expect(calls.calls + calls.fromCache).toBe(18)
    expect(calls.calls).toBe(made.length)
    const job = JSON.parse(fs.readFileSync(path.join(entry, "job.json"), "utf8")) as { judge: { env: string[] } }
    expect(job.judge.env).toEqual(["OPENAI_API_KEY"])

    fs.rmSync(entry, { recursive: true })
    const again = await distillAwait(["run", file, "--only", GRPO], env)
    expect(again.status, again.stdout + again.stderr).toBe(0)
    expect(server.requests.length).toBe(before + made.length)
    expect(judgeCalls(entry)).toMatchObject({ calls: 0, requests: 0, fromCache: 18 })

    fs.rmSync(entry, { recursive: true })
    const noKey = await distillAwait(["run", file, "--only", GRPO], { ...env, OPENAI_API_KEY: "" })
    expect(noKey.status).toBe(1)
    expect(noKey.stdout + noKey.stderr).toMatch(/FAILED train\/short\/xs\/grpo\/s1: reward judge: .*API key missing: set the environment variable OPENAI_API_KEY/)
    expect(server.requests.length).toBe(before + made.length)

    // a budget the run has all but spent on the traces' judge: the reward judge's first new calls exhaust it
    const [traces] = fs.globSync(path.join(dir, "runs/store/judge/*/manifest.json"))
    const spent = (JSON.parse(fs.readFileSync(traces!, "utf8")) as { summary: { judgeCalls: { costUsd: number } } }).summary.judgeCalls.costUsd
    expect(spent).toBeGreaterThan(0)
    const limit = (spent * 1.05).toFixed(4)
    fs.writeFileSync(file, spec(server.url, `budget: { usd: ${limit} }\n`, 12))
    const paused = await distillAwait(["run", file, "--only", GRPO, "--over-budget"], env)
    expect(paused.status, paused.stdout + paused.stderr).toBe(1)
    expect(paused.stdout + paused.stderr).toMatch(new RegExp(`PAUSED ${GRPO}: .*spend budget of \\$${limit} reached`))
    expect(server.requests.length - before - made.length).toBeLessThan(18)
    expect(filesContaining(path.join(dir, "runs"), KEY)).toEqual([])
  }, 400_000)
})
