// The whole pipeline on a tiny grid through the CLI: trains and evaluates for real, re-runs from the store, resumes training after kill -9.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { hasTorch } from "../students/train-fixture.ts"
import { distill, distillAsync, repoRoot } from "../support/cli.ts"

const SIZES: Record<string, string> = {
  micro: "{ d_model: 32, n_layers: 1, n_heads: 2, d_ff: 64, max_len: 256 }",
  mini: "{ d_model: 48, n_layers: 1, n_heads: 2, d_ff: 96, max_len: 256 }"
}

const writeSpec = (dir: string, name: string, train: string, sizes = ["micro", "mini"], extra = "") => {
  const file = path.join(dir, `${name}.yaml`)
  fs.writeFileSync(file, `name: ${name}
seed: 1
${extra}data:
  train: { use: synthetic, with: { count: 60, steps: [1, 2], split: train } }
  eval:
    test: { use: synthetic, with: { count: 12, steps: [1, 2], split: test } }
teachers:
  long: { use: synthetic-solver, with: { style: long } }
  short: { use: synthetic-solver, with: { style: short } }
judge: { use: math }
mixes:
  long: { long: 1 }
  short: { short: 1 }
  mix-long: { long: 0.2, short: 0.8 }
students:
  family: tiny
  sizes: [${sizes.join(", ")}]
  size_config:
${sizes.map((s) => `    ${s}: ${SIZES[s]}`).join("\n")}
train: ${train}
evaluate: { max_new_tokens: 40, batch_size: 12 }
report:
  gaps:
    - { name: long - short, minuend: long, subtrahend: short }
`)
  return file
}

const events = (file: string) =>
  fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l)) : []

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe.skipIf(!hasTorch)("the whole pipeline (needs a Python with torch)", () => {
  it("runs a grid to a report with charts, and a second run executes nothing", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pipeline-"))
    const file = writeSpec(dir, "pipeline-test", "{ method: sft, epochs: 1, batch_size: 16, max_len: 256 }")
    const env = { DISTILL_RUNS: path.join(dir, "runs") }
    const first = distill(["run", file], env)
    expect(first.status, first.stderr + first.stdout).toBe(0)
    expect(first.stdout).toMatch(/31 nodes: 31 executed, 0 cached, 0 failed/)
    const reportDir = fs.globSync(path.join(dir, "runs/store/report/*/report/"))[0]!
    const results = JSON.parse(fs.readFileSync(path.join(reportDir, "results.json"), "utf8"))
    const cells = results.cells.filter((c: { evalSet: string }) => c.evalSet === "test")
    expect(cells).toHaveLength(6)
    for (const cell of cells) {
      expect(cell.n).toBe(12)
      expect(cell.accuracy).toBeGreaterThanOrEqual(cell.ci.low)
      expect(cell.accuracy).toBeLessThanOrEqual(cell.ci.high)
    }
    expect(results.gaps.length).toBeGreaterThanOrEqual(2)
    const md = fs.readFileSync(path.join(reportDir, "report.md"), "utf8")
    expect(md).toContain("long - short")
    expect(md).toMatch(/95%/)
    const pngs = fs.globSync(path.join(reportDir, "**/*.png"))
    expect(pngs.length).toBeGreaterThanOrEqual(2)
    for (const png of pngs) expect(fs.readFileSync(png).subarray(1, 4).toString()).toBe("PNG")
    expect(first.stdout).toMatch(/report: .*report\.md/)

    const second = distill(["run", file], env)
    expect(second.status, second.stderr).toBe(0)
    expect(second.stdout).toMatch(/ 0 executed, 31 cached/)
  }, 600_000)

  it("resumes training from its checkpoint after the run is killed with SIGKILL, and the trainer dies with it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "train-kill-"))
    const file = writeSpec(dir, "train-kill-test", "{ method: sft, epochs: 40, batch_size: 4, max_len: 256, checkpoint_every: 5 }", ["micro"])
    const env = { DISTILL_RUNS: path.join(dir, "runs") }
    const only = ["--only", "train/short/micro/sft/s1"]
    const child = distillAsync(["run", file, ...only], env)
    const eventsFile = () => fs.globSync(path.join(dir, "runs/store/train/*/train.events.jsonl"))[0]
    const checkpointed = () => { const f = eventsFile(); return f !== undefined && events(f).some((e) => e.event === "checkpoint") }
    let exited = false
    child.once("exit", () => { exited = true })
    const deadline = Date.now() + 300_000
    while (!checkpointed() && !exited && Date.now() < deadline) await sleep(50)
    expect(exited, "the run ended before training checkpointed").toBe(false)
    expect(checkpointed()).toBe(true)
    child.kill("SIGKILL")
    await new Promise((r) => child.once("exit", r))
    const before = events(eventsFile()!)
    const trainerPid = before.find((e) => e.event === "start").pid as number
    const gone = Date.now() + 10_000
    while (alive(trainerPid) && Date.now() < gone) await sleep(100)
    expect(alive(trainerPid)).toBe(false)
    const lastCheckpoint = Math.max(...before.filter((e) => e.event === "checkpoint").map((e) => e.step as number))
    expect(before.some((e) => e.event === "done")).toBe(false)

    const again = distill(["run", file, ...only], env)
    expect(again.status, again.stderr + again.stdout).toBe(0)
    const starts = events(eventsFile()!).filter((e) => e.event === "start")
    expect(starts).toHaveLength(2)
    expect(starts[1].resumed_from_step).toBeGreaterThanOrEqual(lastCheckpoint)
    expect(starts[1].resumed_from_step).toBeGreaterThan(0)
    const done = events(eventsFile()!).find((e) => e.event === "done")
    expect(done.metrics.resumed_from_step).toBe(starts[1].resumed_from_step)
    expect(done.metrics.steps).toBe(starts[0].total_steps)
  }, 600_000)

  it("sends training through the backend plugin the spec names", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backend-"))
    const backend = path.relative(dir, path.join(repoRoot, "tests/fixtures/engine/recording-backend"))
    const file = writeSpec(dir, "backend-test", "{ method: sft, epochs: 1, batch_size: 16, max_len: 256 }", ["micro"], `backend: { use: ./${backend} }\n`)
    const log = path.join(dir, "submitted.txt")
    const r = distill(["run", file, "--only", "train/short/micro/sft/s1"], { DISTILL_RUNS: path.join(dir, "runs"), DISTILL_TEST_BACKEND_LOG: log })
    expect(r.status, r.stderr + r.stdout).toBe(0)
    const lines = fs.readFileSync(log, "utf8").trim().split("\n")
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^train\/short\/micro\/sft\/s1 local-\d+-1$/)
    expect(fs.globSync(path.join(dir, "runs/store/train/*/out/*.onnx")).length).toBe(1)
  }, 600_000)
})
