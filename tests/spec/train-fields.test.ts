// The train fields a trainer may not honour: refused at validate with file:line:col, accepted by a trainer that reads them.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Context, Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import hfPlugin from "../../plugins/trainer/hf/index.ts"
import { PluginHost, Trainer } from "../../src/plugins/index.ts"
import { trainerServiceIssues } from "../../src/spec/trainer-check.ts"
import type { Experiment } from "../../src/spec/types.gen.ts"
import { distill } from "../support/cli.ts"

const specText = (students: string, train: string) => `name: train-fields
data:
  train: { use: synthetic, with: { task: chain, count: 20, steps: [1, 2], split: train, seed: 1 } }
  eval:
    test: { use: synthetic, with: { task: chain, count: 5, steps: [1, 2], split: test, seed: 2 } }
teachers:
  short: { use: synthetic-solver, with: { style: short } }
judge: { use: math }
mixes:
  short: { short: 1 }
students: ${students}
train:
${train}
`

const host = Layer.succeed(PluginHost, { cacheDir: "/tmp", specDir: "/tmp", teacher: () => Effect.die("unused"), env: () => undefined })
const hf = await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
  return Context.get(yield* Layer.build(hfPlugin.layer({ threads: 0, peak_gflops: 0, offline: true, launcher: "python", gpus: 1 }).pipe(Layer.provide(host))), Trainer)
})))

describe("train fields and the trainer", () => {
  it("the torch trainer refuses packing, LoRA dropout and targets, micro-batches and checkpoint retention at the field", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "train-fields-"))
    const file = path.join(dir, "spec.yaml")
    fs.writeFileSync(file, specText("{ family: tiny, sizes: [xs] }",
      "  method: lora\n  packing: true\n  lora_dropout: 0.1\n  lora_targets: [q_proj]\n  micro_batch_size: 2\n  keep_checkpoints: 3"))
    const r = distill(["validate", file])
    expect(r.status).toBe(2)
    for (const [line, field] of [[14, "packing"], [15, "lora_dropout"], [16, "lora_targets"], [17, "micro_batch_size"], [18, "keep_checkpoints"]] as const) {
      expect(r.stderr).toMatch(new RegExp(`spec\\.yaml:${line}:\\d+: /train/${field}: trainer 'torch' does not implement train\\.${field}`))
    }
    expect(r.stderr).not.toContain("    at ")
  })

  it("the hf trainer takes them; a global batch its micro-batch does not divide is refused where it is set", () => {
    const train = { method: "lora", batch_size: 8, packing: true, lora_dropout: 0.1, lora_targets: ["q_proj", "v_proj"], micro_batch_size: 2, keep_checkpoints: 3 }
    const spec = (t: Record<string, unknown>) => ({ students: { family: "qwen2.5-instruct", sizes: ["0.5B"] }, train: t }) as unknown as Experiment
    expect(trainerServiceIssues(spec(train), "hf", hf)).toEqual([])
    const odd = trainerServiceIssues(spec({ ...train, micro_batch_size: 3, overrides: { "mix-long": { batch_size: 82 } } }), "hf", hf)
    expect(odd.map((i) => i.pointer)).toEqual(["/train/batch_size", "/train/overrides/mix-long/batch_size"])
    expect(odd[0]!.message).toContain("not reached by gradient accumulation of micro-batches of 3")
    const mixMicro = trainerServiceIssues(spec({ ...train, overrides: { "mix-long": { batch_size: 80, micro_batch_size: 5, packing: true }, b: { micro_batch_size: 3 } } }), "hf", hf)
    expect(mixMicro.map((i) => i.pointer)).toEqual(["/train/overrides/b/micro_batch_size"])
  })

  it("the torch trainer refuses an override's packing and micro-batch at the override", () => {
    const torchLike = { ...hf, trainFields: ["epochs", "lr", "batch_size", "max_len"] }
    const spec = { students: { family: "qwen2.5-instruct", sizes: ["0.5B"] }, train: { method: "sft", batch_size: 8, overrides: { m: { batch_size: 80, packing: true, micro_batch_size: 5 } } } } as unknown as Experiment
    expect(trainerServiceIssues(spec, "torch", torchLike).map((i) => i.pointer)).toEqual(["/train/overrides/m/packing", "/train/overrides/m/micro_batch_size"])
  })
})
