// Exit codes kept by every command: 0 success, 1 a node failed, 2 a user's mistake, 3 expected cells failed.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { distill, repoRoot } from "../support/cli.ts"

describe("exit codes", () => {
  it("a user's mistake on the command line exits 2, --help exits 0", () => {
    expect(distill(["plan", "--no-such-flag", "experiments/quickstart.yaml"]).status).toBe(2)
    expect(distill(["run"]).status).toBe(2)
    expect(distill(["no-such-command"]).status).toBe(2)
    expect(distill(["plan", "/no/such/spec.yaml"]).status).toBe(2)
    expect(distill(["--help"]).status).toBe(0)
  })

  it("a run whose expected cells fail exits 3 (needs a Python with torch)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exit-"))
    const teacher = path.relative(dir, path.join(repoRoot, "tests/fixtures/engine/counting-teacher"))
    const spec = path.join(dir, "spec.yaml")
    fs.writeFileSync(spec, `name: exit-codes
data:
  train: { use: synthetic, with: { count: 24, steps: [1, 1], split: train, seed: 1 } }
  eval:
    test: { use: synthetic, with: { count: 4, steps: [1, 1], split: test, seed: 2 } }
teachers:
  oracle: { use: ./${teacher}, with: { delay_ms: 0 } }
judge: { use: math }
mixes:
  all: { oracle: 1 }
students: { family: tiny, sizes: [xs] }
train: { method: sft, max_steps: 2, batch_size: 8 }
evaluate: { max_new_tokens: 8 }
expected:
  - { size: xs, mix: all, eval: test, value: 100, tolerance: 0.5 }
`)
    const run = distill(["run", spec], { DISTILL_RUNS: path.join(dir, "runs") })
    expect(run.stderr).toMatch(/1 of 1 expected cells failed/)
    expect(run.status).toBe(3)
  })
})
