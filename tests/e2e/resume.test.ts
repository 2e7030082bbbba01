// Kill -9 in the middle of a sample-level node, re-run, and check by counters that no finished sample ran twice.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { distill, distillAsync, repoRoot } from "../support/cli.ts"

const spec = (dir: string) => {
  const teacher = path.relative(dir, path.join(repoRoot, "tests/fixtures/engine/counting-teacher"))
  const file = path.join(dir, "spec.yaml")
  fs.writeFileSync(file, `name: resume-test
seed: 1
data:
  train: { use: synthetic, with: { count: 120, steps: [2, 3], split: train, seed: 1 } }
  eval:
    test: { use: synthetic, with: { count: 10, steps: [2, 3], split: test, seed: 2 } }
teachers:
  oracle: { use: ./${teacher}, with: { delay_ms: 25 }, limits: { concurrency: 4 } }
judge: { use: math }
mixes:
  all: { oracle: 1 }
students: { family: tiny, sizes: [xs] }
train: { method: sft }
`)
  return file
}

const lines = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter((l) => l !== "") : [])

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe("kill -9 and resume", () => {
  it("repeats no completed teacher call and ends with the same outputs as an uninterrupted run", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "resume-"))
    const file = spec(dir)
    const counter = path.join(dir, "calls.txt")
    const env = { DISTILL_RUNS: path.join(dir, "runs"), DISTILL_TEST_COUNTER: counter }
    const child = distillAsync(["run", file, "--only", "mix/all"], env)
    while (lines(counter).length < 40) await sleep(20)
    child.kill("SIGKILL")
    await new Promise((r) => child.once("exit", r))
    const genFile = fs.globSync(path.join(dir, "runs/store/generate/*/generations.jsonl"))[0]
    const finished = new Set(lines(genFile).map((l) => { const r = JSON.parse(l); return `${r.problemId}#${r.sampleIndex}` }))
    expect(finished.size).toBeGreaterThan(0)
    expect(finished.size).toBeLessThan(120)

    const again = distill(["run", file, "--only", "mix/all"], env)
    expect(again.status, again.stderr).toBe(0)
    const calls = lines(counter)
    const perSample = new Map<string, number>()
    for (const c of calls) perSample.set(c, (perSample.get(c) ?? 0) + 1)
    for (const s of finished) expect(perSample.get(s), s).toBe(1)
    expect(perSample.size).toBe(120)
    expect(calls.length - perSample.size).toBeLessThanOrEqual(4)

    const cleanDir = fs.mkdtempSync(path.join(os.tmpdir(), "clean-"))
    const clean = distill(["run", spec(cleanDir), "--only", "mix/all"], { DISTILL_RUNS: path.join(cleanDir, "runs"), DISTILL_TEST_COUNTER: path.join(cleanDir, "calls.txt") })
    expect(clean.status, clean.stderr).toBe(0)
    const mixOf = (root: string) => fs.readFileSync(fs.globSync(path.join(root, "runs/store/mix/*/train.jsonl"))[0], "utf8")
    expect(mixOf(dir)).toBe(mixOf(cleanDir))
    const sorted = (root: string) => lines(fs.globSync(path.join(root, "runs/store/generate/*/generations.jsonl"))[0])
      .map((l) => JSON.parse(l)).map((r) => `${r.problemId}#${r.sampleIndex}:${r.text}`).sort()
    expect(sorted(dir)).toEqual(sorted(cleanDir))

    const third = distill(["run", file, "--only", "mix/all"], env)
    expect(third.stdout).toMatch(/0 executed/)
  })
})
