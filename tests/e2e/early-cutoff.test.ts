// Early cutoff through the CLI: a judge change with identical kept traces re-trains nothing; an eval-judge change decodes nothing.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { distill, repoRoot } from "../support/cli.ts"

const writeSpec = (dir: string, judge: string, evalJudge?: string) => {
  const teacher = path.relative(dir, path.join(repoRoot, "tests/fixtures/engine/counting-teacher"))
  const file = path.join(dir, "spec.yaml")
  fs.writeFileSync(file, `name: cutoff-test
seed: 1
data:
  train: { use: synthetic, with: { count: 40, steps: [1, 2], split: train, seed: 1 } }
  eval:
    test: { use: synthetic, with: { count: 8, steps: [1, 2], split: test, seed: 2 } }
teachers:
  oracle: { use: ./${teacher}, with: { delay_ms: 0 } }
judge: ${judge}
mixes:
  all: { oracle: 1 }
students: { family: tiny, sizes: [xs] }
train: { method: sft, max_steps: 4, batch_size: 8 }
evaluate: { max_new_tokens: 16${evalJudge === undefined ? "" : `, judge: ${evalJudge}`} }
`)
  return file
}

/** Node ids started (not reused, not cached) by the latest run. */
const started = (runs: string): ReadonlyArray<string> => {
  const dirs = fs.globSync(path.join(runs, "cutoff-test-*", "*", "events.jsonl")).sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs)
  return fs.readFileSync(dirs.at(-1)!, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { event: string; node?: string })
    .filter((e) => e.event === "node-start").map((e) => e.node!)
}

describe("early cutoff (needs a Python with torch)", () => {
  it("re-judging to identical kept traces re-trains nothing; changing only the eval judge decodes nothing", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cutoff-"))
    const runs = path.join(dir, "runs")
    const env = { DISTILL_RUNS: runs }
    const spec = writeSpec(dir, "{ use: math }")
    const first = distill(["run", spec], env)
    expect(first.status, first.stderr).toBe(0)
    expect(started(runs)).toContain("train/all/xs/sft/s1")

    writeSpec(dir, "{ use: math, with: { rel_tol: 1.0e-10 } }")
    const rejudged = distill(["run", spec], env)
    expect(rejudged.status, rejudged.stderr).toBe(0)
    const second = started(runs)
    expect(second).toContain("judge/oracle")
    expect(second.filter((id) => id.startsWith("train/") || id.startsWith("decode/") || id.startsWith("mix/"))).toEqual([])

    writeSpec(dir, "{ use: math, with: { rel_tol: 1.0e-10 } }", "{ use: math, with: { extractors: [boxed, last-number] } }")
    const regraded = distill(["run", spec], env)
    expect(regraded.status, regraded.stderr).toBe(0)
    const third = started(runs)
    expect(third).toContain("grade/all/xs/sft/s1/test")
    expect(third.filter((id) => id.startsWith("decode/") || id.startsWith("train/"))).toEqual([])
  })
})
