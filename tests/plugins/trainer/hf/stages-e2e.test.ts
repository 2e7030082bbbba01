// tests/fixtures/specs/hf-stages.yaml end to end: a tiny Hugging Face student through SFT, then DPO and GRPO through TRL.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { distill, repoRoot } from "../../../support/cli.ts"
import { hasHfStack } from "./hf-fixture.ts"

const tinyQwen = fs.existsSync(path.join(repoRoot, ".venv/tiny-models/qwen2/config.json"))

describe.skipIf(!hasHfStack || !tinyQwen)("hf stages end to end (needs ./distill setup: the venv and its tiny models)", () => {
  it("samples the SFT student's mistakes, trains DPO and GRPO students with the hf trainer, evaluates and reports them, then nothing again", () => {
    const runs = fs.mkdtempSync(path.join(os.tmpdir(), "hf-stages-"))
    const spec = path.join(repoRoot, "tests/fixtures/specs/hf-stages.yaml")
    const first = distill(["run", spec], { DISTILL_RUNS: runs })
    expect(first.status, first.stdout + first.stderr).toBe(0)
    expect(first.stdout).toMatch(/18 nodes: 18 executed, 0 cached, 0 failed/)
    const report = fs.globSync(path.join(runs, "hf-stages-*/*/report"))[0]!
    const md = fs.readFileSync(path.join(report, "report.md"), "utf8")
    expect(md).toMatch(/\| short: dpo - sft \| tiny-hf qwen2 \| test \| 8 \|/)
    expect(md).toMatch(/\| short: grpo - sft \| tiny-hf qwen2 \| test \| 8 \|/)
    expect(md).toMatch(/\| short\/qwen2\/s11 \| dpo \| dpo \| \d+ \(\d+ of 24\) \| -?\d+\.\d+ -> -?\d+\.\d+ \| - \|/)
    expect(md).toMatch(/\| short\/qwen2\/s11 \| grpo \| grpo \| - \| - \| \d+\.\d+ -> \d+\.\d+ \|/)
    expect(fs.existsSync(path.join(report, "charts", "grpo-reward.png"))).toBe(true)
    const students = fs.globSync(path.join(runs, "store/train/*/out/student.json")).map((f) => JSON.parse(fs.readFileSync(f, "utf8")) as { format: string; method: string })
    expect(students.map((s) => `${s.format} ${s.method}`).sort()).toEqual(["hf dpo", "hf grpo", "hf sft"])
    const rewards = fs.globSync(path.join(runs, "store/train/*/out/rewards.jsonl"))
    expect(fs.readFileSync(rewards[0]!, "utf8").trim().split("\n").length).toBe(2 * 2 * 2)
    expect(distill(["run", spec], { DISTILL_RUNS: runs }).stdout).toMatch(/ 0 executed, 18 cached/)
  }, 900_000)
})
