// hf trainer on tiny random Qwen2 / Llama models: SFT and LoRA lower the loss, kill -9 resumes, the plugin resolves sources.
import { execFileSync } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import type { TrainJob } from "../../../../src/plugins/index.ts"
import { HF_PYTHON_DIR, pythonPath } from "../../../../src/students/python-packages.ts"
import { buildTiny, eventsOf, hasHfStack, hfCommand, python, runHfJob, tempDir, writeSums } from "./hf-fixture.ts"

const dir = tempDir("hf-train")
const trainFile = writeSums(dir, 32)
const job = (name: string, model: string, method: "sft" | "lora", hyper: Record<string, unknown>): TrainJob => ({
  family: "tiny", size: "t", method, sizeConfig: { model }, seed: 3, trainFile, outputDir: join(dir, name),
  hyper: { epochs: 1, batch_size: 8, micro_batch_size: 8, max_len: 64, warmup: 0, checkpoint_every: 100, ...hyper }
})

describe.skipIf(!hasHfStack)("hf trainer (needs the venv of ./distill setup)", () => {
  it("LoRA on a tiny Llama trains only the adapters and lowers the loss", async () => {
    const model = buildTiny(dir, "llama", ["qwen2"])
    const run = await runHfJob(job("lora", model, "lora", { lr: 2e-2, max_steps: 8, lora_rank: 4, lora_alpha: 8, lora_dropout: 0 }))
    expect(run.code).toBe(0)
    const [start] = eventsOf(run, "start")
    expect(start!["trainable_params"]).toBeLessThan(start!.params / 2)
    const steps = eventsOf(run, "step")
    expect(steps.at(-1)!.loss).toBeLessThan(steps[0]!.loss - 0.1)
    expect(existsSync(join(dir, "lora", "adapter", "adapter_config.json"))).toBe(true)
    expect(existsSync(join(dir, "lora", "model", "model.safetensors"))).toBe(true)
  }, 600_000)

  it("trains without TRL on transformers' Trainer with the same completion-only loss (the GPU check's path)", async () => {
    const model = buildTiny(dir, "qwen2")
    const run = await runHfJob(job("notrl", model, "sft", { lr: 5e-3, max_steps: 6 }), undefined, { DISTILL_HF_NO_TRL: "1" })
    expect(run.code).toBe(0)
    const steps = eventsOf(run, "step")
    expect(steps.at(-1)!.loss).toBeLessThan(steps[0]!.loss - 0.3)
    expect(existsSync(join(dir, "notrl", "model", "model.safetensors"))).toBe(true)
  }, 600_000)

  it("SFT on a tiny Qwen2 lowers the loss, and resumes after kill -9 from the last complete checkpoint", async () => {
    const model = buildTiny(dir, "qwen2", ["llama"])
    const spec = job("sft", model, "sft", { lr: 5e-3, max_steps: 8, checkpoint_every: 3, batch_size: 8, micro_batch_size: 4 })
    const killed = await runHfJob(spec, (e) => e.event === "checkpoint" && e.step === 3)
    expect(killed.code).not.toBe(0)
    expect(eventsOf(killed, "done")).toEqual([])
    expect(eventsOf(killed, "start")[0]).toMatchObject({ total_steps: 8, resumed_from_step: 0 })
    const again = await runHfJob(spec)
    expect(again.code).toBe(0)
    expect(again.stdoutNoise).toEqual([])
    expect(eventsOf(again, "start")[0]!.resumed_from_step).toBe(3)
    const steps = eventsOf(again, "step")
    expect(steps[0]!.step).toBe(4)
    expect(steps.at(-1)!.step).toBe(8)
    for (const s of steps) expect(s.tokens_per_s).toBeGreaterThan(0)
    expect(steps.at(-1)!.loss).toBeLessThan(eventsOf(killed, "step")[0]!.loss - 0.3)
    expect(eventsOf(again, "done")[0]!.metrics["steps"]).toBe(8)
    const manifest = JSON.parse(readFileSync(join(dir, "sft", "student.json"), "utf8"))
    expect(manifest).toMatchObject({ format: "hf", method: "sft", weights: "model", chat_template: true, commit: null })
    expect(existsSync(join(dir, "sft", "model", "model.safetensors"))).toBe(true)
  }, 600_000)

  it("says which command fetches weights missing from the cache", async () => {
    const spec = { ...job("missing", "x", "sft", {}), family: "qwen2.5-instruct", size: "0.5B" }
    delete (spec as { sizeConfig?: unknown }).sizeConfig
    const run = await runHfJob({ ...spec, hyper: { max_steps: 1 } })
    expect(run.code).toBe(1)
    const [error] = eventsOf(run, "error")
    expect(error!.message).toContain("hf download Qwen/Qwen2.5-0.5B-Instruct --revision 7ae557604adf67be50417f59c2c2f167def9a775")
  }, 300_000)
})

describe.skipIf(!hasHfStack)("completion-only labels without TRL", () => {
  it("ignores every prompt token and keeps the response and its end-of-turn token", async () => {
    const model = buildTiny(dir, "qwen2")
    const script = [
      "import json, sys", "from transformers import AutoTokenizer", "from distill_hf.fallback import tokenize_rows, IGNORE",
      "tok = AutoTokenizer.from_pretrained(sys.argv[1])",
      "row = {'prompt': [{'role': 'user', 'content': 'What is 2 + 2?'}], 'completion': [{'role': 'assistant', 'content': '2 + 2 = 4.'}]}",
      "r = tokenize_rows(tok, [row], 512)[0]",
      "n = sum(1 for l in r['labels'] if l == IGNORE)",
      "print(json.dumps({'prompt': tok.decode(r['input_ids'][:n]), 'target': tok.decode([l for l in r['labels'] if l != IGNORE]),",
      "  'prefix': all(l == IGNORE for l in r['labels'][:n])}))"
    ].join("\n")
    const out = execFileSync(python!, ["-c", script, model], { env: { ...process.env, PYTHONPATH: pythonPath(HF_PYTHON_DIR) }, encoding: "utf8" })
    const r = JSON.parse(out.trim().split("\n").pop()!)
    expect(r.prefix).toBe(true)
    expect(r.prompt).toBe("<|im_start|>user\nWhat is 2 + 2?<|im_end|>\n<|im_start|>assistant\n")
    expect(r.target).toBe("2 + 2 = 4.<|im_end|>\n")
  }, 300_000)
})

describe("hf plugin command", () => {
  it.skipIf(!hasHfStack)("passes the family's Hub id and pinned revision, offline", async () => {
    const file = join(dir, "q.job.json")
    const { writeFileSync } = await import("node:fs")
    writeFileSync(file, JSON.stringify({ ...job("q", "", "sft", {}), family: "qwen2.5-instruct", size: "7B", sizeConfig: undefined }))
    const cmd = await hfCommand(file)
    expect(cmd.args).toEqual(["-m", "distill_hf", file])
    expect(cmd.env).toMatchObject({ DISTILL_HF_MODEL: "Qwen/Qwen2.5-7B-Instruct", DISTILL_HF_REVISION: "a09a35458c702b33eeacc393d103063234e8bc28", HF_HUB_OFFLINE: "1" })
    writeFileSync(file, JSON.stringify({ ...job("q", "", "sft", {}), family: "gpt-9", size: "7B", sizeConfig: undefined }))
    await expect(hfCommand(file)).rejects.toThrow(/unknown student family 'gpt-9'/)
  })
})
