// The dataset step streams a plugin's rows to rows.jsonl; a dataset that fails while streamed fails its node and leaves no rows file.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { distill, repoRoot } from "../support/cli.ts"

const specFor = (dir: string, train: string) => {
  const spec = path.join(dir, "spec.yaml")
  fs.writeFileSync(spec, `name: dataset-step
students: { family: tiny, sizes: [xs] }
teachers: { t: { use: synthetic-solver } }
mixes: { m: { t: 1 } }
data:
  train: { use: synthetic, with: ${train} }
  eval: { t: { use: synthetic, with: { count: 5, split: test, seed: 2 } } }
judge: { use: math }
train: { method: sft }
`)
  return spec
}

const rowsFiles = (runs: string) => fs.globSync(path.join(runs, "store", "dataset", "*", "**", "rows.jsonl"))

describe("dataset step", () => {
  it("writes every streamed row once, and records the count and mean question length", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dataset-step-"))
    const runs = path.join(dir, "runs")
    const r = distill(["run", specFor(dir, "{ count: 1500, steps: [2, 4], split: train, seed: 1 }"), "--only", "dataset/train"], { DISTILL_RUNS: runs })
    expect(r.status, r.stderr).toBe(0)
    const [file] = rowsFiles(runs)
    const lines = fs.readFileSync(file!, "utf8").split("\n")
    expect(lines.at(-1)).toBe("")
    const rows = lines.slice(0, -1).map((l) => JSON.parse(l) as { id: string; question: string })
    expect(rows).toHaveLength(1500)
    expect(new Set(rows.map((x) => x.id)).size).toBe(1500)
    const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(file!), "manifest.json"), "utf8"))
    expect(manifest.summary.rows).toBe(1500)
    expect(manifest.summary.meanChars).toBeCloseTo(rows.reduce((a, x) => a + x.question.length, 0) / 1500, 6)
  })

  it("fails the node with the dataset's own message when its stream runs short, and keeps no rows file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dataset-step-"))
    const runs = path.join(dir, "runs")
    const r = distill(["run", specFor(dir, "{ task: chain, count: 500, steps: [1, 1], split: train, seed: 1 }"), "--only", "dataset/train"], { DISTILL_RUNS: runs })
    expect(r.status).toBe(1)
    const out = r.stdout + r.stderr
    expect(out).toMatch(/FAILED dataset\/train: parse: synthetic: only \d+ distinct train chain problems found for steps \[1, 1\]; lower count or raise steps/u)
    expect(out).not.toMatch(/StoreError|cannot write|\n\s+at /u)
    expect(rowsFiles(runs)).toEqual([])
    expect(fs.globSync(path.join(runs, "store", "dataset", "**", "*.tmp"))).toEqual([])
  })

  it("a dataset whose stream breaks with a plain error fails the node with that error, not as a failed write", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dataset-step-"))
    const runs = path.join(dir, "runs")
    const plugin = path.join(repoRoot, "tests", "fixtures", "plugins", "dataset", "broken-stream")
    const spec = path.join(dir, "spec.yaml")
    fs.writeFileSync(spec, fs.readFileSync(specFor(dir, "{ count: 5 }"), "utf8").replace("{ use: synthetic, with: { count: 5 } }", `{ use: ${plugin}, with: { rows: 3 } }`))
    const r = distill(["run", spec, "--only", "dataset/train"], { DISTILL_RUNS: runs })
    expect(r.status).toBe(1)
    const out = r.stdout + r.stderr
    expect(out).toMatch(/FAILED dataset\/train: Error: the row source broke after the last row/u)
    expect(out).not.toMatch(/StoreError|cannot write/u)
    expect(rowsFiles(runs)).toEqual([])
  })
})
