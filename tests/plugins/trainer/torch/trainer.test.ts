// End-to-end tests of the torch trainer: SFT then LoRA, determinism, resume after SIGKILL, outputs and events.
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import type { TrainJob } from "../../../../src/plugins/index.ts"
import { doneEvent, hasTorch, MICRO_SIZE, runJob, startEvent, tempDir, writeArithmetic } from "../../../students/train-fixture.ts"
import { tinyParams } from "../../../../plugins/trainer/torch/sizes.ts"

const FAST = { DISTILL_PEAK_GFLOPS: "100" }

describe.skipIf(!hasTorch)("torch trainer (needs a Python with torch)", () => {
  const dir = tempDir("torch-trainer")
  const trainFile = writeArithmetic(dir, 120)
  const job = (name: string, extra: Partial<TrainJob> = {}): TrainJob => ({
    family: "tiny", size: "micro", sizeConfig: MICRO_SIZE, method: "sft",
    hyper: { epochs: 2, batch_size: 8, lr: 0.01, checkpoint_every: 5 }, seed: 3, trainFile, outputDir: join(dir, name), ...extra
  })

  it("trains with SFT, then LoRA on top, emitting only protocol events and writing the outputs", async () => {
    const sft = await runJob(job("sft"))
    expect(sft.code).toBe(0)
    expect(sft.stdoutNoise).toEqual([])
    const start = startEvent(sft)!
    expect(start).toMatchObject({ total_steps: 30, resumed_from_step: 0, params: tinyParams(MICRO_SIZE) })
    expect(start.peak_gflops).toBeGreaterThan(0)
    const steps = sft.events.filter((e) => e.event === "step")
    expect(steps.length).toBeGreaterThan(0)
    expect(sft.events.filter((e) => e.event === "checkpoint").map((e) => e.event === "checkpoint" && e.step)).toContain(5)
    const done = doneEvent(sft)!
    expect(sft.events.at(-1)).toBe(done)
    expect(done.metrics["final_loss"]!).toBeLessThan(2.5)
    expect(done.metrics["mfu"]!).toBeGreaterThan(0)
    expect(done.metrics["tokens_per_s"]!).toBeGreaterThan(0)
    expect(existsSync(join(dir, "sft", "model.onnx"))).toBe(true)
    const manifest = JSON.parse(readFileSync(join(dir, "sft", "student.json"), "utf8"))
    expect(manifest).toMatchObject({ family: "tiny", params: tinyParams(MICRO_SIZE), tokenizer: { vocab_size: 259, bos: 256, eos: 257, pad: 258 } })
    expect(manifest.onnx.inputs).toEqual(["input_ids", "position_ids", "attention_mask", "past_key_0", "past_value_0"])
    expect(manifest.onnx.outputs).toEqual(["logits", "new_key_0", "new_value_0"])

    const lora = await runJob(job("lora", { method: "lora", baseDir: join(dir, "sft"), hyper: { epochs: 1, batch_size: 8, lora_rank: 4 } }), undefined, FAST)
    expect(lora.code).toBe(0)
    const loraDone = doneEvent(lora)!
    expect(loraDone.metrics["trainable_params"]!).toBeLessThan(loraDone.metrics["params"]! / 2)
    expect(loraDone.metrics["final_loss"]!).toBeLessThan(done.metrics["final_loss"]! + 0.5)
    expect(JSON.parse(readFileSync(join(dir, "lora", "student.json"), "utf8")).params).toBe(tinyParams(MICRO_SIZE))
  })

  it("is deterministic under a seed and resumes after kill -9 to the same result", async () => {
    const hyper = { epochs: 6, batch_size: 4, lr: 0.01, checkpoint_every: 10 }
    const [a, b] = [await runJob(job("det-a", { hyper }), undefined, FAST), await runJob(job("det-b", { hyper }), undefined, FAST)]
    const lossA = doneEvent(a)!.metrics["final_loss"]!
    expect(doneEvent(b)!.metrics["final_loss"]).toBe(lossA)

    const killed = await runJob(job("resume", { hyper }), (e) => e.event === "checkpoint", FAST)
    expect(killed.signal).toBe("SIGKILL")
    expect(doneEvent(killed)).toBeUndefined()
    const resumed = await runJob(job("resume", { hyper }), undefined, FAST)
    const start = startEvent(resumed)!
    expect(start.resumed_from_step).toBeGreaterThan(0)
    expect(start.resumed_from_step).toBeLessThan(start.total_steps)
    expect(doneEvent(resumed)!.metrics["final_loss"]!).toBeCloseTo(lossA, 9)

    const other = await runJob(job("det-c", { hyper, seed: 4 }), undefined, FAST)
    expect(doneEvent(other)!.metrics["final_loss"]).not.toBe(lossA)
  })

  it("reports invalid jobs as an error event", async () => {
    const bad = await runJob(job("bad", { hyper: { epochs: 1, learning_rate: 1 } }), undefined, FAST)
    expect(bad.code).toBe(1)
    expect(bad.events).toEqual([{ event: "error", message: expect.stringContaining("learning_rate") }])
  })
})
