// GPU-hour estimates of train and decode nodes: tokens from rows, epochs and the mix's teachers; FLOPs 6N and 2N per token.
import { describe, expect, it } from "vitest"
import { renderPlan } from "../../src/cli/plan-view.ts"
import { buildPlan } from "../../src/plan/build.ts"
import type { PlanFacts, PlannableSpec } from "../../src/plan/input.ts"
import type { PlanNode } from "../../src/plan/node.ts"
import { gridSpec } from "../support/plannable.ts"

const gpu = { peakTflops: 1000, trainMfu: 0.5, decodeMfu: 0.1 }
const facts: PlanFacts = { students: { params: { s0: 1e9, s1: 2e9 }, gpu } }

/** The grid with t0 writing 300 tokens and t1 100, so the 0.2/0.8 mix's targets average 140. */
const spec = (): PlannableSpec => {
  const g = gridSpec({ sizes: 3 })
  return { ...g, teachers: { t0: { ...g.teachers["t0"]!, expected_output_tokens: 300 }, t1: { ...g.teachers["t1"]!, expected_output_tokens: 100 } } }
}
const byId = (nodes: ReadonlyArray<PlanNode>, id: string) => nodes.find((n) => n.id === id)!.estimate

describe("GPU-hour estimates", () => {
  const promptTokens = Math.ceil(("{problem}\n".length + 200) / 4)

  it("trains on rows x epochs x (prompt + the mix's weighted teacher output) tokens at 6 x params FLOPs each", () => {
    const nodes = buildPlan(spec(), facts).nodes
    const mix = byId(nodes, "train/mix/s0/sft/s3")
    const tokens = 100 * 1 * (promptTokens + 0.2 * 300 + 0.8 * 100)
    expect(mix.trainTokens).toBe(tokens)
    expect(mix.gpuHours).toBeCloseTo((6 * 1e9 * tokens) / (1000e12 * 0.5) / 3600, 12)
    expect(byId(nodes, "train/t0/s0/sft/s3").trainTokens).toBe(100 * (promptTokens + 300))
    expect(byId(nodes, "train/mix/s1/sft/s3").gpuHours).toBeCloseTo(2 * mix.gpuHours!, 12)
    expect(byId(nodes, "train/mix/s2/sft/s3").gpuHours, "no parameter count for s2").toBeUndefined()
  })

  it("cuts an example at max_len and the examples at max_steps x batch_size", () => {
    const s = spec()
    const nodes = buildPlan({ ...s, train: { ...s.train, max_len: 100, max_steps: 2, batch_size: 16 } }, facts).nodes
    expect(byId(nodes, "train/t0/s0/sft/s3").trainTokens).toBe(2 * 16 * 100)
  })

  it("decodes every prompt and at most max_new_tokens per answer at 2 x params FLOPs per token", () => {
    const nodes = buildPlan(spec(), facts).nodes
    const d = byId(nodes, "decode/mix/s0/sft/s3/e0")
    const tokens = 50 * (promptTokens + 256)
    expect(d.decodeTokens).toBe(tokens)
    expect(d.gpuHours).toBeCloseTo((2 * 1e9 * tokens) / (1000e12 * 0.1) / 3600, 12)
  })

  it("gives no GPU-hours when the trainer states no GPU throughput, and the plan then prints none", () => {
    const plan = buildPlan(spec(), { students: { params: { s0: 1e9 } } })
    expect(plan.gpu).toBeUndefined()
    expect(plan.nodes.every((n) => n.estimate.gpuHours === undefined)).toBe(true)
    expect(byId(plan.nodes, "train/t0/s0/sft/s3").trainTokens).toBe(100 * (promptTokens + 300))
    expect(renderPlan(plan, new Map(plan.nodes.map((n) => [n.id, "to run" as const])))).not.toContain("GPU-hours")
  })

  it("distill plan prints GPU-hours per node, per kind and in total, with its assumptions", () => {
    const plan = buildPlan(spec(), facts)
    const pending = plan.nodes.filter((n) => n.kind === "train" || n.kind === "decode")
    const sum = (kind: string) => pending.filter((n) => n.kind === kind).reduce((a, n) => a + (n.estimate.gpuHours ?? 0), 0)
    const text = renderPlan(plan, new Map(plan.nodes.map((n) => [n.id, "to run" as const])))
    expect(text).toContain(`GPU-hours, an estimate: train ~${sum("train").toFixed(2)} (6 nodes), decode ~${sum("decode").toFixed(2)} (12 nodes), total ~${(sum("train") + sum("decode")).toFixed(2)}`)
    expect(text).toContain("(not counted: 9 node(s)")
    expect(text).toContain("assumes 6 x params x tokens FLOPs to train at 50% MFU and 2 x params x tokens to decode at 10% MFU, of 1,000 TFLOP/s per GPU")
    const cached = renderPlan(plan, new Map(plan.nodes.map((n) => [n.id, n.kind === "train" ? "cached" as const : "to run" as const])))
    expect(cached).toContain("train ~0.00 (0 nodes)")
  })

  it("later stages: DPO pairs (at most one per sampled answer) through policy and reference, its sample node as decoding, GRPO's generation and training", () => {
    const s = spec()
    const staged: PlannableSpec = { ...s, train: { ...s.train, stages: [
      { name: "dpo", method: "dpo", from: "sft", samples: 3, epochs: 2 },
      { name: "grpo", method: "grpo", from: "sft", group_size: 4, max_completion_tokens: 100, kl_beta: 0.04 },
      { name: "sft2", method: "sft", from: "dpo", max_steps: 2, batch_size: 8 }
    ] } }
    const plan = buildPlan(staged, facts)
    const perExample = promptTokens + 0.2 * 300 + 0.8 * 100
    const hours = (flops: number, mfu: number) => flops / (1000e12 * mfu) / 3600

    const sample = byId(plan.nodes, "sample/mix/s0/dpo/s3")
    expect(sample.decodeTokens).toBe(100 * 3 * (promptTokens + 256))
    expect(sample.gpuHours).toBeCloseTo(hours(2 * 1e9 * sample.decodeTokens!, 0.1), 12)

    const dpo = byId(plan.nodes, "train/mix/s0/dpo/s3")
    expect(dpo.trainTokens).toBe(100 * 3 * 2 * 2 * perExample)
    expect(dpo.gpuHours).toBeCloseTo(hours(8 * 1e9 * dpo.trainTokens!, 0.5), 12)

    const grpo = byId(plan.nodes, "train/mix/s0/grpo/s3")
    const completions = 100 * 4 * (promptTokens + 100)
    expect(grpo).toMatchObject({ trainTokens: completions, decodeTokens: completions })
    expect(grpo.gpuHours).toBeCloseTo(hours(8 * 1e9 * completions, 0.5) + hours(2 * 1e9 * completions, 0.1), 12)

    expect(byId(plan.nodes, "train/mix/s0/sft2/s3").trainTokens).toBe(2 * 8 * perExample)
    expect(byId(plan.nodes, "train/mix/s2/grpo/s3").gpuHours, "no parameter count for s2").toBeUndefined()

    const text = renderPlan(plan, new Map(plan.nodes.map((n) => [n.id, "to run" as const])))
    expect(text).toMatch(/GPU-hours, an estimate: train ~[\d.,]+ \(24 nodes\), sample ~[\d.,]+ \(6 nodes\), decode/)
    expect(text).toContain("dpo: at most one pair per sampled answer")
  })

  it("DPO against the mix's own wrong traces counts every trace of its teachers but one correct", () => {
    const s = spec()
    const plan = buildPlan({ ...s, train: { ...s.train, stages: [{ name: "dpo", method: "dpo", from: "sft", rejected: "teacher" }] } }, facts)
    expect(plan.nodes.some((n) => n.kind === "sample")).toBe(false)
    // the 0.2/0.8 mix has two teachers of one sample each: one correct, at most one wrong per problem
    expect(byId(plan.nodes, "train/mix/s0/dpo/s3").trainTokens).toBe(100 * 1 * 2 * (promptTokens + 0.2 * 300 + 0.8 * 100))
  })
})
