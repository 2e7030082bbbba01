// GRPO on a task the tiny student can learn: held-out accuracy and mean reward rise over the SFT parent, same judge.
import { spawnSync } from "node:child_process"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { judgeCommand } from "../../../../src/steps/stage-inputs.ts"
import type { ResolvedPlugin } from "../../../../src/plan/input.ts"
import { openAnyStudent } from "../../../../src/students/open-any.ts"
import { repoRoot } from "../../../support/cli.ts"
import { doneEvent, hasTorch, runJob, tempDir } from "../../../students/train-fixture.ts"

const mathJudge: ResolvedPlugin = {
  kind: "judge", use: "math", name: "math", version: "1", description: "", capabilities: { deterministic: true, network: false, gpu: false }, config: {}
}

const DIGITS = 4
/** Small enough to train in seconds, large enough to learn to copy a digit from the prompt. */
const SIZE = { d_model: 64, n_layers: 2, n_heads: 4, d_ff: 128, max_len: 64 }
const HELD_OUT = 200

interface Problem { readonly id: string; readonly prompt: string; readonly ref: string; readonly first: string }

/**
 * Problems "which is the last digit of 3852?" (answer 2), split by digit string so that no held-out problem is a
 * training prompt.
 */
const problems = (): { train: Problem[]; heldOut: Problem[] } => {
  let s = 12345
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) >> 8
  const seen = new Set<string>()
  const all: Problem[] = []
  while (all.length < 300 + HELD_OUT) {
    const digits = Array.from({ length: DIGITS }, () => String(next() % 10)).join("")
    if (seen.has(digits) || digits[0] === digits[DIGITS - 1]) continue
    seen.add(digits)
    all.push({ id: `p${all.length}`, prompt: `Q: last digit of ${digits}?\nA:`, ref: digits[DIGITS - 1]!, first: digits[0]! })
  }
  return { train: all.slice(0, 300), heldOut: all.slice(300) }
}

/** The same math judge the reward uses, as a `distill judge` process: one verdict per completion. */
const grade = (rows: ReadonlyArray<{ pred: string; ref: string }>): boolean[] => {
  const cmd = judgeCommand(mathJudge, repoRoot)
  const input = rows.map((r) => JSON.stringify({ pred: r.pred, ref: r.ref, answerKind: "number" })).join("\n") + "\n"
  const out = spawnSync(cmd.command, [...cmd.args], { input, encoding: "utf8" })
  return out.stdout.trim().split("\n").map((l) => (JSON.parse(l) as { verdict: string }).verdict === "correct")
}

/** Greedy held-out accuracy of the student exported in `dir`, graded by the judge. */
const heldOutCorrect = async (dir: string, heldOut: ReadonlyArray<Problem>): Promise<boolean[]> => {
  const student = await openAnyStudent(dir, { threads: 1 })
  try {
    const gens = await student.generate(heldOut.map((p) => p.prompt), { maxNewTokens: 16, temperature: 0, seed: 0, stop: [], batchSize: 64 })
    return grade(gens.map((g, i) => ({ pred: g.text, ref: heldOut[i]!.ref })))
  } finally {
    student.close()
  }
}

describe.skipIf(!hasTorch)("GRPO learns what its SFT parent half follows (needs a Python with torch)", () => {
  it("raises held-out accuracy and mean reward over the SFT parent by many standard errors", async () => {
    const dir = tempDir("grpo-learns")
    const { train, heldOut } = problems()
    // A sloppy teacher: half its traces answer the first digit instead of the last.
    const trainFile = join(dir, "train.jsonl")
    writeFileSync(trainFile, train.map((p, i) => JSON.stringify({ id: p.id, prompt: p.prompt, completion: ` Final: ${i % 2 === 0 ? p.ref : p.first}` })).join("\n") + "\n")
    const sftDir = join(dir, "sft")
    const sft = await runJob({ family: "tiny", size: "xs", sizeConfig: SIZE, method: "sft", seed: 1, trainFile, outputDir: sftDir,
      hyper: { epochs: 100, lr: 1e-2, batch_size: 16, max_steps: 1000, checkpoint_every: 1000 } })
    expect(sft.code, JSON.stringify(sft.events.at(-1))).toBe(0)

    const promptsFile = join(dir, "prompts.jsonl")
    writeFileSync(promptsFile, train.map((p) => JSON.stringify({ id: p.id, prompt: p.prompt, ref: p.ref, answerKind: "number" })).join("\n") + "\n")
    const grpoDir = join(dir, "grpo")
    const grpo = await runJob({ family: "tiny", size: "xs", sizeConfig: SIZE, method: "grpo", seed: 2, trainFile, baseDir: sftDir, promptsFile,
      judge: judgeCommand(mathJudge, repoRoot), outputDir: grpoDir,
      hyper: { epochs: 10, lr: 2e-3, batch_size: 16, max_steps: 80, checkpoint_every: 1000, group_size: 8, kl_beta: 0.02, max_completion_tokens: 12, temperature: 1, rewards: [] } })
    expect(grpo.code, JSON.stringify(grpo.events.at(-1))).toBe(0)

    const before = await heldOutCorrect(sftDir, heldOut)
    const after = await heldOutCorrect(grpoDir, heldOut)
    expect([before.length, after.length]).toEqual([HELD_OUT, HELD_OUT])
    const accBefore = before.filter(Boolean).length / HELD_OUT
    const accAfter = after.filter(Boolean).length / HELD_OUT
    // paired standard error of the per-problem difference in correctness of the per-problem difference in correctness.
    const diffs = after.map((a, i) => Number(a) - Number(before[i]))
    const meanDiff = diffs.reduce((x, y) => x + y, 0) / HELD_OUT
    const se = Math.sqrt(diffs.reduce((x, d) => x + (d - meanDiff) ** 2, 0) / (HELD_OUT - 1) / HELD_OUT)
    console.log(`held-out accuracy: sft ${accBefore.toFixed(3)} -> grpo ${accAfter.toFixed(3)} (diff ${meanDiff.toFixed(3)}, se ${se.toFixed(3)})`)
    expect(accBefore).toBeLessThan(0.8)
    expect(meanDiff).toBeGreaterThan(0.15)
    expect(meanDiff).toBeGreaterThan(5 * se)

    const m = doneEvent(grpo)!.metrics as Record<string, number>
    console.log(`mean reward: first ${m.reward_first} -> last ${m.reward_last}`)
    expect(m.reward_last).toBeGreaterThan(m.reward_first + 0.1)
  }, 900_000)
})
