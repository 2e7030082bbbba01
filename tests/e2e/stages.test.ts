// SFT -> DPO and SFT -> GRPO through the CLI: every stage evaluated, compared with its parent, reward curves charted.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { hasTorch } from "../students/train-fixture.ts"
import { distill } from "../support/cli.ts"

const spec = `name: stages-e2e
seed: 1
data:
  train: { use: synthetic, with: { count: 60, steps: [1, 1], max_value: 20, split: train } }
  eval:
    test: { use: synthetic, with: { count: 20, steps: [1, 1], max_value: 20, split: test } }
teachers:
  short: { use: synthetic-solver, with: { style: short } }
judge: { use: math }
mixes:
  short: { short: 1 }
students: { family: tiny, sizes: [xs] }
train:
  method: sft
  max_steps: 30
  batch_size: 8
  stages:
    - { name: dpo, method: dpo, from: sft, samples: 2, max_steps: 8, batch_size: 4 }
    - { name: grpo, method: grpo, from: sft, group_size: 4, max_steps: 4, batch_size: 2, max_completion_tokens: 32, rewards: [{ regex: "=", weight: 0.5 }] }
evaluate: { max_new_tokens: 32 }
`

describe.skipIf(!hasTorch)("training stages end to end (needs a Python with torch)", () => {
  it("runs SFT, DPO on the SFT student's own mistakes and GRPO, and reports each stage against its parent", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stages-"))
    const file = path.join(dir, "spec.yaml")
    fs.writeFileSync(file, spec)
    const env = { DISTILL_RUNS: path.join(dir, "runs") }
    const run = distill(["run", file], env)
    expect(run.status, run.stdout + run.stderr).toBe(0)
    const report = fs.globSync(path.join(dir, "runs/stages-e2e-*/*/report"))[0]!
    const md = fs.readFileSync(path.join(report, "report.md"), "utf8")
    expect(md).toMatch(/\| short: dpo - sft \| tiny xs \| test \| 20 \|/)
    expect(md).toMatch(/\| short: grpo - sft \| tiny xs \| test \| 20 \|/)
    expect(md).toMatch(/## Training stages/)
    expect(md).toMatch(/\| short\/xs\/s1 \| dpo \| dpo \| \d+ \(\d+ of \d+\) \|/)
    expect(fs.existsSync(path.join(report, "charts", "grpo-reward.png"))).toBe(true)
    const results = JSON.parse(fs.readFileSync(path.join(report, "results.json"), "utf8")) as { cells: Array<{ mix: string }> }
    expect(new Set(results.cells.map((c) => c.mix))).toEqual(new Set(["short/sft", "short/dpo", "short/grpo"]))
    const pairs = fs.globSync(path.join(dir, "runs/store/train/*/pairs.jsonl"))[0]!
    const first = JSON.parse(fs.readFileSync(pairs, "utf8").split("\n")[0]!) as { source: { chosen: string; rejected: string } }
    expect(first.source.rejected).toMatch(/^student#/)
    expect(distill(["run", file], env).stdout).toMatch(/ 0 executed, 18 cached/)
  })
})
