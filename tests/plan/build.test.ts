import { describe, expect, it } from "vitest"
import { buildPlan } from "../../src/plan/build.ts"
import { gridSpec } from "../support/plannable.ts"

describe("buildPlan", () => {
  it("expands the grid into dataset -> leakage -> generate -> judge -> filter -> mix -> train -> decode -> grade -> report", () => {
    const plan = buildPlan(gridSpec({ teachers: 2, sizes: 3, evals: 2 }))
    const count = (k: string) => plan.nodes.filter((n) => n.kind === k).length
    expect(count("dataset")).toBe(3)
    expect(count("generate")).toBe(2)
    expect(count("judge")).toBe(2)
    expect(count("filter")).toBe(2)
    expect(count("mix")).toBe(3)
    expect(count("train")).toBe(9)
    expect(count("leakage")).toBe(1)
    expect(count("decode")).toBe(18)
    expect(count("grade")).toBe(18)
    expect(count("report")).toBe(1)
  })

  it("lists every node after its dependencies", () => {
    const plan = buildPlan(gridSpec({ methods: ["sft", "lora"], seeds: [1, 2] }))
    const seen = new Set<string>()
    for (const n of plan.nodes) {
      for (const dep of [...Object.values(n.deps), ...n.after]) expect(seen.has(dep), `${n.id} before ${dep}`).toBe(true)
      seen.add(n.id)
    }
  })

  it("shares one generate node per teacher across all mixes that use it", () => {
    const plan = buildPlan(gridSpec())
    const mix = plan.nodes.find((n) => n.id === "mix/mix")!
    const pure = plan.nodes.find((n) => n.id === "mix/t0")!
    expect(mix.deps["filter:t0"]).toBe("filter/t0")
    expect(pure.deps["filter:t0"]).toBe("filter/t0")
  })

  it("is deterministic: same spec, same keys", () => {
    const a = buildPlan(gridSpec()).nodes.map((n) => n.key)
    const b = buildPlan(gridSpec()).nodes.map((n) => n.key)
    expect(a).toEqual(b)
  })

  it("changes only the keys downstream of an edited parameter", () => {
    const before = buildPlan(gridSpec())
    const spec = gridSpec()
    const edited = { ...spec, teachers: { ...spec.teachers, t1: { ...spec.teachers.t1, max_tokens: 999 } } }
    const after = buildPlan(edited)
    const changed = after.nodes.filter((n) => before.nodes.find((m) => m.id === n.id)!.key !== n.key).map((n) => n.id)
    expect(changed).toContain("generate/t1")
    expect(changed).toContain("mix/mix")
    expect(changed).not.toContain("generate/t0")
    expect(changed).not.toContain("mix/t0")
    expect(changed).not.toContain("train/t0/s0/sft/s3")
    expect(changed).toContain("train/t1/s0/sft/s3")
  })

  it("keeps resources, limits and prices out of keys", () => {
    const spec = gridSpec()
    const withLimits = { ...spec, teachers: { ...spec.teachers, t0: { ...spec.teachers.t0, limits: { concurrency: 64, requests_per_minute: 10, max_attempts: 2, timeout_ms: 5 }, price: { input_per_m: 1, output_per_m: 2 } } } }
    expect(buildPlan(withLimits).nodes.map((n) => n.key)).toEqual(buildPlan(spec).nodes.map((n) => n.key))
  })

  it("keeps the checkpoint interval out of train keys but passes it to the trainer", () => {
    const spec = gridSpec()
    const often = { ...spec, train: { ...spec.train, checkpoint_every: 5 } }
    expect(buildPlan(often).nodes.map((n) => n.key)).toEqual(buildPlan(spec).nodes.map((n) => n.key))
    const train = buildPlan(often).nodes.find((n) => n.kind === "train")!
    expect((train.params.hyper as Record<string, unknown>).checkpoint_every).toBe(5)
    const capped = { ...spec, train: { ...spec.train, max_steps: 10 } }
    expect(buildPlan(capped).nodes.find((n) => n.kind === "train")!.key).not.toBe(train.key)
  })

  it("lora students depend on the sft student of the base mix", () => {
    const plan = buildPlan(gridSpec({ methods: ["lora"] }))
    const lora = plan.nodes.find((n) => n.id === "train/t1/s0/lora/s3")!
    expect(lora.deps.base).toBe("train/t0/s0/sft/s3")
    expect(plan.nodes.some((n) => n.id === "train/t0/s0/sft/s3")).toBe(true)
  })

  it("estimates teacher calls from the dataset size and samples", () => {
    const plan = buildPlan(gridSpec())
    expect(plan.nodes.find((n) => n.id === "generate/t0")!.estimate.calls).toBe(100)
  })

  it("estimates training work as problems x epochs and evaluation work as eval rows", () => {
    const spec = gridSpec()
    const twice = { ...spec, train: { ...spec.train, epochs: 2.5 } }
    expect(buildPlan(twice).nodes.find((n) => n.kind === "train")!.estimate.samples).toBe(250)
    const evaluation = buildPlan(spec).nodes.find((n) => n.kind === "decode")!
    expect(evaluation.estimate.samples).toBeGreaterThan(0)
  })

  it("prices an offline teacher at nothing, a networked one without a price as unknown", () => {
    const spec = gridSpec()
    expect(buildPlan(spec).nodes.find((n) => n.id === "generate/t0")!.estimate.costUsd).toBe(0)
    const t0 = spec.plugins["/teachers/t0"]!
    const online = { ...spec, plugins: { ...spec.plugins, "/teachers/t0": { ...t0, capabilities: { ...t0.capabilities, network: true } } } }
    expect(buildPlan(online).nodes.find((n) => n.id === "generate/t0")!.estimate.costUsd).toBeUndefined()
  })

  it("adds base-student evaluations only for pretrained families", () => {
    expect(buildPlan(gridSpec()).nodes.some((n) => n.id.startsWith("decode/base/"))).toBe(false)
    expect(buildPlan(gridSpec(), { pretrained: true }).nodes.filter((n) => n.id.startsWith("decode/base/")).length).toBe(6)
  })
})
