// experiments/paper-mini.yaml end to end: tiny random Hugging Face students trained by TRL, decoded by transformers.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { hasHfStack } from "../plugins/trainer/hf/hf-fixture.ts"
import { distill, repoRoot } from "../support/cli.ts"

const tinyModels = fs.existsSync(path.join(repoRoot, ".venv/tiny-models/qwen2/config.json")) && fs.existsSync(path.join(repoRoot, ".venv/tiny-models/llama/config.json"))

describe.skipIf(!hasHfStack || !tinyModels)("paper-mini (needs ./distill setup: the venv and its tiny models)", () => {
  it("runs teachers, judge, mixes, SFT of Qwen2 and Llama students, evaluation of trained and base students and the report, then nothing again", () => {
    const runs = fs.mkdtempSync(path.join(os.tmpdir(), "paper-mini-"))
    const spec = path.join(repoRoot, "experiments/paper-mini.yaml")
    const first = distill(["run", spec], { DISTILL_RUNS: runs })
    expect(first.status, first.stdout + first.stderr).toBe(0)
    expect(first.stdout).toMatch(/52 nodes: 52 executed, 0 cached, 0 failed/)
    const report = fs.globSync(path.join(runs, "paper-mini-*/*/report/report.md"))[0]!
    const md = fs.readFileSync(report, "utf8")
    expect(md).toMatch(/\| long - short \| tiny-hf qwen2 \|/)
    expect(md).toMatch(/\| long - short \| tiny-hf llama \|/)
    expect(md).toMatch(/gap long - short/)
    expect(md).toMatch(/\| tiny-hf qwen2 \| base \|/)
    const student = JSON.parse(fs.readFileSync(fs.globSync(path.join(runs, "store/train/*/out/student.json"))[0]!, "utf8")) as { format?: string }
    expect(student.format).toBe("hf")
    const decode = fs.globSync(path.join(runs, "store/decode/*/answers.jsonl"))
    expect(decode.length).toBe(16)
    expect(distill(["run", spec], { DISTILL_RUNS: runs }).stdout).toMatch(/ 0 executed, 52 cached/)
  }, 900_000)
})
