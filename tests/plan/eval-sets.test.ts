import { describe, expect, it } from "vitest"
import { buildPlan } from "../../src/plan/build.ts"
import type { PlannableSpec } from "../../src/plan/input.ts"
import { gridSpec } from "../support/plannable.ts"

describe("per eval set prompts and per mix hyper-parameters", () => {
  it("decodes each eval set with its own prompt and stop strings, keyed, without touching training", () => {
    const spec = gridSpec({ sizes: 1, evals: 2 })
    const math = "Solve the following math problem.\nProblem: {problem}\nAnswer:"
    const custom: PlannableSpec = { ...spec, evaluate: { ...spec.evaluate, stop: ["</s>"] },
      data: { ...spec.data, eval: { e0: { use: "synthetic", prompt: math, stop: ["Problem:"] }, e1: { use: "synthetic" } } } }
    const byId = (s: PlannableSpec) => new Map(buildPlan(s).nodes.map((n) => [n.id, n]))
    const a = byId(custom)
    const d0 = a.get("decode/t0/s0/sft/s3/e0")!
    const d1 = a.get("decode/t0/s0/sft/s3/e1")!
    expect(d0.kind === "decode" && d0.params.prompt).toBe(math)
    expect(d0.kind === "decode" && d0.params.decode.stop).toEqual(["</s>", "Problem:"])
    expect(d1.kind === "decode" && d1.params.prompt).toBe("{problem}\n")
    const b = byId(spec)
    expect(a.get("train/t0/s0/sft/s3")!.key).toBe(b.get("train/t0/s0/sft/s3")!.key)
    expect(d0.key).not.toBe(b.get("decode/t0/s0/sft/s3/e0")!.key)
  })

  it("trains one mix with its own batch size and cutoff, leaving the other mixes' keys alone", () => {
    const spec = gridSpec({ sizes: 1, evals: 1 })
    const over: PlannableSpec = { ...spec, train: { ...spec.train, overrides: { mix: { batch_size: 80, max_len: 4096 } } } }
    const a = new Map(buildPlan(over).nodes.map((n) => [n.id, n]))
    const b = new Map(buildPlan(spec).nodes.map((n) => [n.id, n]))
    const mixTrain = a.get("train/mix/s0/sft/s3")!
    expect(mixTrain.kind === "train" && mixTrain.params.hyper).toMatchObject({ batch_size: 80, max_len: 4096 })
    expect(mixTrain.key).not.toBe(b.get("train/mix/s0/sft/s3")!.key)
    expect(a.get("train/t0/s0/sft/s3")!.key).toBe(b.get("train/t0/s0/sft/s3")!.key)
  })
})
