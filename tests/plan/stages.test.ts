import { describe, expect, it } from "vitest"
import { buildPlan } from "../../src/plan/build.ts"
import type { PlannableSpec } from "../../src/plan/input.ts"
import { gridSpec } from "../support/plannable.ts"

const withStages = (spec: PlannableSpec, stages: NonNullable<PlannableSpec["train"]["stages"]>, train: Partial<PlannableSpec["train"]> = {}): PlannableSpec =>
  ({ ...spec, train: { ...spec.train, ...train, stages } })

const stages = [
  { name: "dpo", method: "dpo", from: "sft", samples: 2 },
  { name: "grpo", method: "grpo", from: "sft", group_size: 4 },
  { name: "dpo2", method: "dpo", from: "dpo", rejected: "teacher" }
] as const

describe("training stages", () => {
  it("chains each stage on its parent's student, with a sample node for student-rejected DPO, and evaluates every stage", () => {
    const plan = buildPlan(withStages(gridSpec({ teachers: 2, sizes: 1, evals: 1 }), [...stages]))
    const byId = new Map(plan.nodes.map((n) => [n.id, n]))
    const dpo = byId.get("train/t0/s0/dpo/s3")!
    expect(dpo.deps).toMatchObject({ parent: "train/t0/s0/sft/s3", samples: "sample/t0/s0/dpo/s3", mix: "mix/t0" })
    expect(byId.get("sample/t0/s0/dpo/s3")!.deps).toMatchObject({ train: "train/t0/s0/sft/s3" })
    expect(byId.get("train/t0/s0/grpo/s3")!.deps).toMatchObject({ parent: "train/t0/s0/sft/s3", dataset: "dataset/train" })
    const dpo2 = byId.get("train/mix/s0/dpo2/s3")!
    expect(dpo2.deps).toMatchObject({ parent: "train/mix/s0/dpo/s3", "filter:t0": "filter/t0", "filter:t1": "filter/t1" })
    expect(dpo2.deps.samples).toBeUndefined()
    for (const stage of ["sft", "dpo", "grpo", "dpo2"]) expect(byId.has(`grade/t0/s0/${stage}/s3/e0`), stage).toBe(true)
    const grade = byId.get("grade/t0/s0/dpo/s3/e0")!
    expect(grade.kind === "grade" && grade.params.method).toBe("dpo")
  })

  it("a stage whose parent changed gets a new key; a stage option changes neither the parent nor its sibling", () => {
    const spec = withStages(gridSpec({ sizes: 1, evals: 1 }), [...stages])
    const keys = (s: PlannableSpec) => new Map(buildPlan(s).nodes.map((n) => [n.id, n.key]))
    const base = keys(spec)
    const newLr = keys(withStages(spec, [...stages], { lr: 0.002 }))
    for (const id of ["train/t0/s0/sft/s3", "train/t0/s0/dpo/s3", "train/t0/s0/grpo/s3", "train/t0/s0/dpo2/s3"]) expect(newLr.get(id), id).not.toBe(base.get(id))
    const beta = keys(withStages(spec, [{ ...stages[0], beta: 0.5 }, stages[1], stages[2]]))
    expect(beta.get("train/t0/s0/sft/s3")).toBe(base.get("train/t0/s0/sft/s3"))
    expect(beta.get("train/t0/s0/grpo/s3")).toBe(base.get("train/t0/s0/grpo/s3"))
    expect(beta.get("train/t0/s0/dpo/s3")).not.toBe(base.get("train/t0/s0/dpo/s3"))
    expect(beta.get("train/t0/s0/dpo2/s3")).not.toBe(base.get("train/t0/s0/dpo2/s3"))
  })
})
