// The spec's LoRA dropout and targets, micro-batch and kept checkpoints reach a tiny hf LoRA run through the planner.
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { buildPlan } from "../../../../src/plan/build.ts"
import type { TrainJob } from "../../../../src/plugins/index.ts"
import { gridSpec } from "../../../support/plannable.ts"
import { buildTiny, eventsOf, hasHfStack, runHfJob, tempDir, writeSums } from "./hf-fixture.ts"

describe.skipIf(!hasHfStack)("LoRA fields of the spec in an hf run (needs the venv of ./distill setup)", () => {
  it("applies lora_dropout and lora_targets, reaches batch_size by accumulating micro-batches, keeps keep_checkpoints", async () => {
    const dir = tempDir("hf-lora-fields")
    const spec = gridSpec({ methods: ["lora"], sizes: 1 })
    const train = { ...spec.train, epochs: 1, lr: 0.02, batch_size: 4, max_len: 64, lora_rank: 4, lora_alpha: 8,
      checkpoint_every: 1, lora_dropout: 0.125, lora_targets: ["q_proj", "v_proj"] as [string, ...string[]], micro_batch_size: 2, keep_checkpoints: 2 }
    const node = buildPlan({ ...spec, train }).nodes.find((n) => n.kind === "train" && n.params.method === "lora")
    if (node?.kind !== "train") throw new Error("no lora train node planned")
    const model = buildTiny(dir, "llama")
    const job: TrainJob = { family: "tiny", size: "t", method: "lora", sizeConfig: { model }, seed: 1, hyper: node.params.hyper,
      trainFile: writeSums(dir, 16), outputDir: join(dir, "out") }
    const run = await runHfJob(job)
    expect(run.code, JSON.stringify(run.events.filter((e) => e.event === "error"))).toBe(0)

    const adapter = JSON.parse(readFileSync(join(dir, "out", "adapter", "adapter_config.json"), "utf8")) as Record<string, unknown>
    expect(adapter["lora_dropout"]).toBe(0.125)
    expect([...(adapter["target_modules"] as string[])].sort()).toEqual(["q_proj", "v_proj"])
    expect(adapter["r"]).toBe(4)
    expect(adapter["lora_alpha"]).toBe(8)

    const [start] = eventsOf(run, "start")
    expect(start!.total_steps, "16 rows at a global batch of 4: 4 steps of 2 accumulated micro-batches").toBe(4)
    const args = JSON.parse(readFileSync(join(dir, "out", "checkpoint", "checkpoint-4", "trainer_state.json"), "utf8")) as Record<string, unknown>
    expect(args["train_batch_size"]).toBe(2)
    const kept = readdirSync(join(dir, "out", "checkpoint")).filter((d) => /^checkpoint-\d+$/.test(d)).sort()
    expect(kept).toEqual(["checkpoint-3", "checkpoint-4"])
    expect(existsSync(join(dir, "out", "model", "model.safetensors"))).toBe(true)
  }, 600_000)
})
