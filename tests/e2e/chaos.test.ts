// Chaos: kill -9 the CLI at random moments of a small offline spec, re-run to completion, compare with an uninterrupted run.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { hasTorch } from "../students/train-fixture.ts"
import { distill, distillAsync, repoRoot } from "../support/cli.ts"

const KILLS = 6

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
    answers: fs.readFileSync(one(runs, "evaluate/*/samples.jsonl"), "utf8")
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe.skipIf(!hasTorch)("chaos (needs a Python with torch)", () => {
  it("kill -9 at random points, then a re-run, gives the outputs of an uninterrupted run", async () => {
    const clean = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-clean-"))
    const started = Date.now()
    const base = distill(["run", writeSpec(clean)], { DISTILL_RUNS: path.join(clean, "runs"), DISTILL_TEST_COUNTER: path.join(clean, "calls.txt") })
    expect(base.status, base.stderr).toBe(0)
    const duration = Date.now() - started

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-"))
    const spec = writeSpec(dir)
    const counter = path.join(dir, "calls.txt")
    const env = { DISTILL_RUNS: path.join(dir, "runs"), DISTILL_TEST_COUNTER: counter }
    const kills: number[] = []
    for (let i = 0; i < KILLS; i++) {
      const child = distillAsync(["run", spec], env)
      const exited = new Promise((r) => child.once("exit", r))
      const delay = Math.round(800 + Math.random() * (duration / KILLS) * 1.2)
      const finished = await Promise.race([exited.then(() => true), sleep(delay).then(() => false)])
      if (finished) break
      child.kill("SIGKILL")
      await exited
      kills.push(delay)
    }
    const last = distill(["run", spec], env)
    expect(last.status, `kills after ${kills.join(", ")} ms\n${last.stderr}`).toBe(0)
    expect(kills.length, "the spec finished before the kills began").toBeGreaterThan(1)

    expect(outputs(path.join(dir, "runs")), `kills after ${kills.join(", ")} ms`).toEqual(outputs(path.join(clean, "runs")))
    const calls = lines(counter)
    expect(new Set(calls).size).toBe(48)
    expect(calls.length - 48, "repeated teacher calls: at most those in flight at each kill").toBeLessThanOrEqual(4 * kills.length)
    const leftovers = fs.globSync(path.join(dir, "runs/store/*/*/**/*.tmp"))
    expect(leftovers).toEqual([])
    expect(distill(["run", spec], env).stdout).toMatch(/0 executed/)
  }, 240_000)
})
