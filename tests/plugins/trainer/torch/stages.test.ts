// DPO and GRPO stages of the tiny trainer: margins widen, rewards rise, kills resume, rewards are the judge's verdicts.
import { spawnSync } from "node:child_process"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { judgeCommand } from "../../../../src/steps/stage-inputs.ts"
import type { ResolvedPlugin } from "../../../../src/plan/input.ts"
import { repoRoot } from "../../../support/cli.ts"
import { doneEvent, hasTorch, MICRO_SIZE, runJob, startEvent, tempDir, writeArithmetic } from "../../../students/train-fixture.ts"

const mathJudge: ResolvedPlugin = {
  kind: "judge", use: "math", name: "math", version: "1", description: "", capabilities: { deterministic: true, network: false, gpu: false }, config: {}
}

/** An SFT parent trained on the fixture's addition traces (` a+b=c. Final: c`). */
const parent = async (dir: string, steps: number) => {
  const trainFile = writeArithmetic(dir, 200)
  const outputDir = join(dir, "sft")
  const run = await runJob({ family: "tiny", size: "xs", sizeConfig: MICRO_SIZE, method: "sft", seed: 1, trainFile, outputDir,
    hyper: { epochs: 50, lr: 3e-3, batch_size: 16, max_steps: steps, checkpoint_every: 1000 } })
  expect(run.code, JSON.stringify(run.events.at(-1))).toBe(0)
  return { trainFile, baseDir: outputDir }
}

const pairsFile = (dir: string, trainFile: string): string => {
  const rows = readFileSync(trainFile, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { id: string; prompt: string; completion: string })
  const pairs = rows.map((r) => ({ id: r.id, prompt: r.prompt, chosen: r.completion, rejected: r.completion.replace(/Final: (\d+)/, (_m, n: string) => `Final: ${Number(n) + 7}`) }))
  const file = join(dir, "pairs.jsonl")
  writeFileSync(file, pairs.map((p) => JSON.stringify(p)).join("\n") + "\n")
  return file
}

const promptsFile = (dir: string, trainFile: string): string => {
  const rows = readFileSync(trainFile, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { id: string; prompt: string; completion: string })
  const file = join(dir, "prompts.jsonl")
  writeFileSync(file, rows.map((r) => JSON.stringify({ id: r.id, prompt: r.prompt, ref: /Final: (\d+)/.exec(r.completion)![1], answerKind: "number" })).join("\n") + "\n")
  return file
}

describe.skipIf(!hasTorch)("tiny trainer stages (needs a Python with torch)", () => {
  it("DPO widens the chosen-over-rejected log-probability margin on held-out pairs, and resumes after kill -9", async () => {
    const dir = tempDir("dpo")
    const { trainFile, baseDir } = await parent(dir, 60)
    const job = { family: "tiny", size: "xs", sizeConfig: MICRO_SIZE, method: "dpo" as const, seed: 2, trainFile, baseDir,
      pairsFile: pairsFile(dir, trainFile), outputDir: join(dir, "dpo"), hyper: { lr: 1e-3, batch_size: 8, max_steps: 40, checkpoint_every: 10, beta: 0.1 } }
    const killed = await runJob(job, (e) => e.event === "checkpoint" && e.step >= 20)
    expect(killed.signal).toBe("SIGKILL")
    const resumed = await runJob(job)
    expect(resumed.code).toBe(0)
    expect(startEvent(resumed)!.resumed_from_step).toBeGreaterThanOrEqual(20)
    const m = doneEvent(resumed)!.metrics as Record<string, number>
    expect(m.held_out_pairs).toBe(20)
    expect(m.held_out_margin_after).toBeGreaterThan(m.held_out_margin_before + 1)
  })

  it("GRPO raises the mean reward over its SFT parent, its rewards are distill judge's verdicts, and it resumes after kill -9", async () => {
    const dir = tempDir("grpo")
    const { trainFile, baseDir } = await parent(dir, 150)
    const rewards = [{ regex: "Final: \\d+$", weight: 1 }]
    const job = { family: "tiny", size: "xs", sizeConfig: MICRO_SIZE, method: "grpo" as const, seed: 3, trainFile, baseDir,
      promptsFile: promptsFile(dir, trainFile), judge: judgeCommand(mathJudge, repoRoot), outputDir: join(dir, "grpo"),
      hyper: { lr: 2e-3, batch_size: 4, max_steps: 36, checkpoint_every: 12, group_size: 6, kl_beta: 0.01, max_completion_tokens: 24, temperature: 1, rewards } }
    const killed = await runJob(job, (e) => e.event === "checkpoint" && e.step >= 12)
    expect(killed.signal).toBe("SIGKILL")
    const resumed = await runJob(job)
    expect(resumed.code, JSON.stringify(resumed.events.at(-1))).toBe(0)
    expect(startEvent(resumed)!.resumed_from_step).toBeGreaterThanOrEqual(12)
    const m = doneEvent(resumed)!.metrics as Record<string, number>
    expect(m.reward_last).toBeGreaterThan(m.reward_first)

    const logged = readFileSync(join(dir, "grpo", "rewards.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { step: number; id: string; completion: string; reward: number })
    expect(new Set(logged.map((l) => `${l.step}`)).size).toBe(36)
    const refs = new Map(readFileSync(job.promptsFile, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { id: string; ref: string }).map((r) => [r.id, r.ref]))
    const sample = logged.filter((_, i) => i % 7 === 0)
    const input = sample.map((l) => JSON.stringify({ pred: l.completion, ref: refs.get(l.id), answerKind: "number" })).join("\n") + "\n"
    const cmd = judgeCommand(mathJudge, repoRoot)
    const graded = spawnSync(cmd.command, [...cmd.args], { input, encoding: "utf8" })
    const verdicts = graded.stdout.trim().split("\n").map((l) => JSON.parse(l) as { verdict: string })
    sample.forEach((l, i) => {
      const format = /Final: \d+$/s.test(l.completion) ? 1 : 0
      expect(l.reward, l.completion).toBe((verdicts[i]!.verdict === "correct" ? 1 : 0) + format)
    })
  }, 600_000)
})
