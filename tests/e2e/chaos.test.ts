// Chaos: kill -9 the CLI at random moments of a small offline spec, re-run to completion, compare with an uninterrupted run.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { hasTorch } from "../students/train-fixture.ts"
import { distill, distillAsync, repoRoot } from "../support/cli.ts"

/** Where the kills land: a random moment (up to the spread, ms) after a node of the stage started. */
const TARGETS: ReadonlyArray<readonly [string, number]> = [
  ["generate/", 300], ["judge/", 100], ["train/", 2_500], ["train/", 2_500], ["decode/", 1_500], ["report", 300]
]

const writeSpec = (dir: string) => {
  const teacher = path.relative(dir, path.join(repoRoot, "tests/fixtures/engine/counting-teacher"))
  const file = path.join(dir, "chaos.yaml")
  fs.writeFileSync(file, `name: chaos
seed: 3
data:
  train: { use: synthetic, with: { count: 48, steps: [1, 2], split: train, seed: 3 } }
  eval:
    test: { use: synthetic, with: { count: 16, steps: [1, 2], split: test, seed: 4 } }
teachers:
  oracle: { use: ./${teacher}, with: { delay_ms: 15 }, limits: { concurrency: 4 } }
judge: { use: math }
mixes:
  all: { oracle: 1 }
students:
  family: tiny
  sizes: [micro]
  size_config:
    micro: { d_model: 32, n_layers: 1, n_heads: 2, d_ff: 64, max_len: 256 }
train: { method: sft, epochs: 2, batch_size: 8, checkpoint_every: 2 }
evaluate: { max_new_tokens: 40, batch_size: 4, temperature: 0.8 }
`)
  return file
}

const lines = (file: string) => fs.readFileSync(file, "utf8").split("\n").filter((l) => l !== "")
const one = (root: string, pattern: string) => {
  const found = fs.globSync(path.join(root, "store", pattern))
  expect(found, pattern).toHaveLength(1)
  return found[0]!
}

/** What must not depend on interruptions: every output of the run, timings aside; per-sample logs of concurrent nodes as sets. */
const outputs = (runs: string) => {
  const report = path.dirname(one(runs, "report/*/report/results.json"))
  const results = JSON.parse(fs.readFileSync(path.join(report, "results.json"), "utf8"))
  for (const n of results.nodes) n.seconds = 0
  results.totals.seconds = 0
  return {
    results,
    csv: fs.readFileSync(path.join(report, "results.csv"), "utf8"),
    markdown: fs.readFileSync(path.join(report, "report.md"), "utf8").replace(/\| \d+(\.\d+)?(s|m|h)[^|]* \|/g, "| T |"),
    generations: lines(one(runs, "generate/*/generations.jsonl")).sort(),
    judged: lines(one(runs, "judge/*/judged.jsonl")).sort(),
    mix: fs.readFileSync(one(runs, "mix/*/train.jsonl"), "utf8"),
    model: fs.readFileSync(one(runs, "train/*/out/model.onnx")).toString("base64"),
    answers: fs.readFileSync(one(runs, "grade/*/samples.jsonl"), "utf8")
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const runDirs = (runs: string) => fs.globSync(path.join(runs, "chaos-*", "*"))

/** Whether the run started after `before` has begun a node whose id starts with `stage`. */
const startedStage = (runs: string, before: ReadonlySet<string>, stage: string): boolean =>
  runDirs(runs).filter((d) => !before.has(d)).some((d) => {
    const file = path.join(d, "events.jsonl")
    return fs.existsSync(file) && fs.readFileSync(file, "utf8").split("\n").some((l) => l.includes('"node-start"') && l.includes(`"node":"${stage}`))
  })

describe.skipIf(!hasTorch)("chaos (needs a Python with torch)", () => {
  it("kill -9 at random points, then a re-run, gives the outputs of an uninterrupted run", async () => {
    const clean = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-clean-"))
    const base = distill(["run", writeSpec(clean)], { DISTILL_RUNS: path.join(clean, "runs"), DISTILL_TEST_COUNTER: path.join(clean, "calls.txt") })
    expect(base.status, base.stderr).toBe(0)

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-"))
    const spec = writeSpec(dir)
    const counter = path.join(dir, "calls.txt")
    const env = { DISTILL_RUNS: path.join(dir, "runs"), DISTILL_TEST_COUNTER: counter }
    const kills: string[] = []
    for (const [stage, spread] of TARGETS) {
      const before = new Set(runDirs(env.DISTILL_RUNS))
      const child = distillAsync(["run", spec], env)
      let exited = false
      child.once("exit", () => { exited = true })
      const deadline = Date.now() + 60_000
      while (!exited && Date.now() < deadline && !startedStage(env.DISTILL_RUNS, before, stage)) await sleep(20)
      const delay = Math.round(Math.random() * spread)
      await sleep(delay)
      if (exited) break
      child.kill("SIGKILL")
      await new Promise((r) => (exited ? r(null) : child.once("exit", r)))
      kills.push(`${stage}+${delay}ms`)
    }
    const last = distill(["run", spec], env)
    expect(last.status, `kills at ${kills.join(", ")}\n${last.stderr}`).toBe(0)
    expect(kills.length, `kills at ${kills.join(", ")}`).toBeGreaterThanOrEqual(4)

    expect(outputs(path.join(dir, "runs")), `kills at ${kills.join(", ")}`).toEqual(outputs(path.join(clean, "runs")))
    const calls = lines(counter)
    expect(new Set(calls).size).toBe(48)
    expect(calls.length - 48, "repeated teacher calls: at most those in flight at each kill").toBeLessThanOrEqual(4 * kills.length)
    const leftovers = fs.globSync(path.join(dir, "runs/store/*/*/**/*.tmp"))
    expect(leftovers).toEqual([])
    expect(distill(["run", spec], env).stdout).toMatch(/0 executed/)
  }, 240_000)
})
