// The trainer check with the hf trainer: the paper's Qwen2.5 grid validates, unknown sizes and custom models are handled.
import { Context, Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import hfPlugin from "../../plugins/trainer/hf/index.ts"
import { PluginHost, Trainer } from "../../src/plugins/index.ts"
import { trainerServiceIssues } from "../../src/spec/trainer-check.ts"
import type { Experiment } from "../../src/spec/types.gen.ts"

const host = Layer.succeed(PluginHost, { cacheDir: "/tmp", specDir: "/tmp", teacher: () => Effect.die("unused"), env: () => undefined })
const service = await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
  return Context.get(yield* Layer.build(hfPlugin.layer({ threads: 0, peak_gflops: 0, offline: true, launcher: "python", gpus: 1 }).pipe(Layer.provide(host))), Trainer)
})))
const spec = (students: Record<string, unknown>, method: unknown = "sft") => ({ students, train: { method } }) as unknown as Experiment

describe("trainer check with the hf trainer", () => {
  it("accepts qwen2.5-instruct 0.5B to 7B with sft and lora", () => {
    expect(trainerServiceIssues(spec({ family: "qwen2.5-instruct", sizes: ["0.5B", "1.5B", "3B", "7B"] }, ["sft", "lora"]), "hf", service)).toEqual([])
    expect(service.pretrained("qwen2.5-instruct")).toBe(true)
    expect(service.sizes("qwen2.5-instruct").map((s) => s.params)).toEqual([494_032_768, 1_543_714_304, 3_085_938_688, 7_615_616_512])
  })
  it("accepts Llama 3.x, SmolLM2, and a local model named in size_config", () => {
    expect(trainerServiceIssues(spec({ family: "llama-3.2-instruct", sizes: ["1B", "3B"] }), "hf", service)).toEqual([])
    expect(trainerServiceIssues(spec({ family: "smollm2-instruct", sizes: ["135M", "360M", "1.7B"] }), "hf", service)).toEqual([])
    expect(trainerServiceIssues(spec({ family: "mine", sizes: ["t"], size_config: { t: { model: "./tiny" } } }), "hf", service)).toEqual([])
  })
  it("names an unknown size", () => {
    const issues = trainerServiceIssues(spec({ family: "qwen2.5-instruct", sizes: ["2B"] }), "hf", service)
    expect(issues.map((i) => i.pointer)).toEqual(["/students/sizes/0"])
    expect(issues[0]!.message).toContain("known: 0.5B, 1.5B, 3B, 7B")
  })
  it("accepts dpo and grpo stages after SFT or LoRA", () => {
    const staged = { students: { family: "qwen2.5-instruct", sizes: ["0.5B"] }, train: { method: "lora", stages: [
      { name: "dpo", method: "dpo", from: "lora" }, { name: "grpo", method: "grpo", from: "lora" }] } } as unknown as Experiment
    expect(trainerServiceIssues(staged, "hf", service)).toEqual([])
    expect(service.methods).toEqual(["sft", "lora", "dpo", "grpo"])
  })
})
