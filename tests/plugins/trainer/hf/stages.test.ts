// hf trainer stages on a tiny random Qwen2: TRL DPO widens the held-out margin, TRL GRPO's rewards are the judge's verdicts, kill -9 resumes.
import { execFileSync, spawnSync } from "node:child_process"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import type { TrainJob } from "../../../../src/plugins/index.ts"
import type { ResolvedPlugin } from "../../../../src/plan/input.ts"
import { judgeCommand } from "../../../../src/steps/stage-inputs.ts"
import { HF_PYTHON_DIR, pythonPath } from "../../../../src/students/python-packages.ts"
import { repoRoot } from "../../../support/cli.ts"
import { buildTiny, eventsOf, hasHfStack, python, runHfJob, tempDir } from "./hf-fixture.ts"

const mathJudge: ResolvedPlugin = {
  kind: "judge", use: "math", name: "math", version: "1", description: "", capabilities: { deterministic: true, network: false, gpu: false }, config: {}
}

const dir = tempDir("hf-stages")
const problems = Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, a: (i * 7) % 23 + 1, b: (i * 11) % 19 + 1 }))
const trainFile = join(dir, "train.jsonl")
// Every parent answer is 7, so sampled completions often say 7: right on even problems (ref 7), wrong on odd ones (ref 8).
writeFileSync(trainFile, problems.map((p) => JSON.stringify({ id: p.id, prompt: `What is ${p.a} + ${p.b}?`, completion: "The answer is \\boxed{7}." })).join("\n") + "\n")

const writeLines = (name: string, rows: ReadonlyArray<unknown>): string => {
  const file = join(dir, name)
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n")
  return file
}

const pairsFile = writeLines("pairs.jsonl", problems.map((p) => ({
  id: p.id, prompt: `What is ${p.a} + ${p.b}?`, chosen: `${p.a} + ${p.b} = ${p.a + p.b}. The answer is \\boxed{${p.a + p.b}}.`,
  rejected: `${p.a} + ${p.b} is hard. I do not know.`
})))
const promptsFile = writeLines("prompts.jsonl", problems.map((p, i) => ({
  id: p.id, prompt: `What is ${p.a} + ${p.b}?`, ref: i % 2 === 0 ? "7" : "8", question: `What is ${p.a} + ${p.b}?`, answerKind: "number"
})))

const job = (name: string, method: TrainJob["method"], hyper: Record<string, unknown>, extra: Partial<TrainJob> = {}): TrainJob => ({
  family: "tiny", size: "t", method, sizeConfig: { model: buildTiny(dir, "qwen2") }, seed: 5, trainFile, outputDir: join(dir, name),
  hyper: { epochs: 1, batch_size: 8, micro_batch_size: 8, max_len: 64, warmup: 0, checkpoint_every: 100, ...hyper }, ...extra
})

/** Trains a parent (full SFT or LoRA) on the constant answer; returns its output directory. */
const parent = async (method: "sft" | "lora"): Promise<string> => {
  if (existsSync(join(dir, `parent-${method}`, "student.json"))) return join(dir, `parent-${method}`)
  const hyper = method === "sft" ? { lr: 1e-2, max_steps: 20 } : { lr: 3e-2, max_steps: 20, lora_rank: 8, lora_alpha: 16, lora_dropout: 0 }
  const run = await runHfJob(job(`parent-${method}`, method, hyper))
  expect(run.code, JSON.stringify(run.events.at(-1))).toBe(0)
  return join(dir, `parent-${method}`)
}

/** The held-out margin of `modelDir` recomputed without TRL: plain forward passes under the chat template. */
const plainMargin = (modelDir: string): number => {
  const script = [
    "import json, sys, torch", "from transformers import AutoModelForCausalLM, AutoTokenizer", "from distill_hf.dpo import load_pairs, split_pairs",
    "tok = AutoTokenizer.from_pretrained(sys.argv[1]); model = AutoModelForCausalLM.from_pretrained(sys.argv[1]).eval()",
    "_, held = split_pairs(load_pairs(sys.argv[2], True), int(sys.argv[3]))",
    "def logp(prompt, completion):",
    "    head = tok.apply_chat_template(prompt, add_generation_prompt=True)['input_ids']",
    "    ids = tok.apply_chat_template(prompt + completion)['input_ids']",
    "    with torch.no_grad(): logits = model(torch.tensor([ids])).logits[0].float()",
    "    lp = torch.log_softmax(logits[:-1], -1).gather(1, torch.tensor(ids[1:]).unsqueeze(1)).squeeze(1)",
    "    return float(lp[len(head) - 1:].sum())",
    "print(sum(logp(p['prompt'], p['chosen']) - logp(p['prompt'], p['rejected']) for p in held) / len(held))"
  ].join("\n")
  const out = execFileSync(python!, ["-c", script, modelDir, pairsFile, "5"], { env: { ...process.env, PYTHONPATH: pythonPath(HF_PYTHON_DIR) }, encoding: "utf8" })
  return Number(out.trim().split("\n").pop())
}

describe.skipIf(!hasHfStack)("hf trainer stages through TRL (needs the venv of ./distill setup)", () => {
  it("DPO from a full SFT parent widens the held-out margin, and resumes after kill -9 from the checkpoint's step", async () => {
    const baseDir = await parent("sft")
    const spec = job("dpo", "dpo", { lr: 2e-3, batch_size: 4, micro_batch_size: 4, max_steps: 8, checkpoint_every: 3, beta: 0.1, loss: "sigmoid" }, { baseDir, pairsFile })
    const killed = await runHfJob(spec, (e) => e.event === "checkpoint" && e.step === 3)
    expect(killed.code).not.toBe(0)
    expect(eventsOf(killed, "done")).toEqual([])
    expect(eventsOf(killed, "step")[0]!.loss).toBeCloseTo(Math.log(2), 4)
    const again = await runHfJob(spec)
    expect(again.code, JSON.stringify(again.events.at(-1))).toBe(0)
    expect(again.stdoutNoise).toEqual([])
    expect(eventsOf(again, "start")[0]!.resumed_from_step).toBe(3)
    const steps = eventsOf(again, "step")
    expect(steps[0]!.step).toBe(4)
    expect(steps.at(-1)!.step).toBe(8)
    expect(typeof steps[0]!["margin"]).toBe("number")
    expect(typeof steps[0]!["accuracy"]).toBe("number")
    const m = eventsOf(again, "done")[0]!.metrics
    expect(m).toMatchObject({ steps: 8, resumed_from_step: 3, pairs: 40, held_out_pairs: 4 })
    expect(m["held_out_margin_before"]).toBeCloseTo(plainMargin(join(baseDir, "model")), 2)
    expect(m["held_out_margin_after"]).toBeCloseTo(plainMargin(join(dir, "dpo", "model")), 2)
    expect(m["held_out_margin_after"]).toBeGreaterThan(m["held_out_margin_before"]! + 1)
    expect(JSON.parse(readFileSync(join(dir, "dpo", "student.json"), "utf8"))).toMatchObject({ format: "hf", method: "dpo", adapter: null })
  }, 900_000)

  it("DPO with the IPO loss starts at IPO's loss and widens the held-out margin too", async () => {
    const baseDir = await parent("sft")
    const run = await runHfJob(job("ipo", "dpo", { lr: 2e-3, batch_size: 4, micro_batch_size: 4, max_steps: 4, beta: 0.5, loss: "ipo" }, { baseDir, pairsFile }))
    expect(run.code, JSON.stringify(run.events.at(-1))).toBe(0)
    const m = eventsOf(run, "done")[0]!.metrics
    // Policy = reference at the first step: IPO's (0 - 1 / (2 beta))^2 = 1, where DPO's sigmoid loss is log 2.
    expect(eventsOf(run, "step")[0]!.loss).toBeCloseTo(1, 4)
    expect(m["held_out_margin_after"]).toBeGreaterThan(m["held_out_margin_before"]! + 1)
  }, 600_000)

  it("GRPO from a LoRA parent trains an adapter, logs rewards that are distill judge's verdicts plus the format weights, and resumes after kill -9", async () => {
    const baseDir = await parent("lora")
    const rewards = [{ regex: "answer is", weight: 0.5 }]
    const spec = job("grpo", "grpo", {
      lr: 1e-3, batch_size: 2, micro_batch_size: 1, max_steps: 4, checkpoint_every: 2, group_size: 4, kl_beta: 0.04,
      max_completion_tokens: 12, temperature: 1, rewards, lora_rank: 4, lora_alpha: 8, lora_dropout: 0
    }, { baseDir, promptsFile, judge: judgeCommand(mathJudge, repoRoot) })
    const killed = await runHfJob(spec, (e) => e.event === "checkpoint" && e.step === 2)
    expect(killed.code).not.toBe(0)
    const again = await runHfJob(spec)
    expect(again.code, JSON.stringify(again.events.at(-1))).toBe(0)
    const [start] = eventsOf(again, "start")
    expect(start!.resumed_from_step).toBe(2)
    expect(start!["trainable_params"]).toBeLessThan(start!.params / 2)
    expect(typeof eventsOf(again, "step")[0]!["reward_mean"]).toBe("number")
    const m = eventsOf(again, "done")[0]!.metrics as Record<string, unknown>
    expect(m["steps"]).toBe(4)
    const logged = readFileSync(join(dir, "grpo", "rewards.jsonl"), "utf8").trim().split("\n")
      .map((l) => JSON.parse(l) as { step: number; id: string; completion: string; reward: number })
    expect(logged.map((l) => l.step)).toEqual([1, 2, 3, 4].flatMap((s) => Array<number>(8).fill(s)))
    const curve = m["reward_curve"] as Array<{ step: number; mean: number; std: number }>
    expect(curve.map((p) => p.step)).toEqual([1, 2, 3, 4])
    for (const p of curve) {
      const r = logged.filter((l) => l.step === p.step).map((l) => l.reward)
      expect(p.mean).toBeCloseTo(r.reduce((a, b) => a + b, 0) / r.length, 4)
    }

    const refs = new Map(readFileSync(promptsFile, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { id: string; ref: string }).map((r) => [r.id, r.ref]))
    const input = logged.map((l) => JSON.stringify({ pred: l.completion, ref: refs.get(l.id), answerKind: "number" })).join("\n") + "\n"
    const cmd = judgeCommand(mathJudge, repoRoot)
    const graded = spawnSync(cmd.command, [...cmd.args], { input, encoding: "utf8" })
    const verdicts = graded.stdout.trim().split("\n").map((l) => JSON.parse(l) as { verdict: string })
    expect(verdicts.length).toBe(logged.length)
    logged.forEach((l, i) => {
      expect(l.reward, l.completion).toBe((verdicts[i]!.verdict === "correct" ? 1 : 0) + (/answer is/s.test(l.completion) ? 0.5 : 0))
    })
    expect(new Set(verdicts.map((v) => v.verdict)).has("correct"), "the parent says 7, right on even problems").toBe(true)
    expect(existsSync(join(dir, "grpo", "adapter", "adapter_config.json"))).toBe(true)
    expect(JSON.parse(readFileSync(join(dir, "grpo", "student.json"), "utf8"))).toMatchObject({ method: "grpo", adapter: "adapter" })
  }, 900_000)

  it("refuses a GRPO job without a judge, and a DPO job with an unknown loss, before loading anything", async () => {
    const grpo = await runHfJob(job("nojudge", "grpo", {}, { baseDir: join(dir, "none"), promptsFile }))
    expect(eventsOf(grpo, "error")[0]!.message).toBe("method 'grpo' needs promptsFile and judge")
    const dpo = await runHfJob(job("badloss", "dpo", { loss: "hinge" }, { baseDir: join(dir, "none"), pairsFile }))
    expect(eventsOf(dpo, "error")[0]!.message).toBe("hyper.loss must be 'sigmoid' or 'ipo'")
  }, 300_000)
})
