import { describe, expect, it } from "vitest"
import { buildPlan } from "../../src/plan/build.ts"
import type { Plan } from "../../src/plan/node.ts"
import type { PlannableSpec, ResolvedPlugin } from "../../src/plan/input.ts"
import { gridSpec } from "../support/plannable.ts"

const keysOf = (plan: Plan, kind?: string) =>
  Object.fromEntries(plan.nodes.filter((n) => kind === undefined || n.kind === kind).map((n) => [n.id, n.key]))

const withPlugin = (spec: PlannableSpec, pointer: string, patch: Partial<ResolvedPlugin>): PlannableSpec =>
  ({ ...spec, plugins: { ...spec.plugins, [pointer]: { ...spec.plugins[pointer]!, ...patch } } })

describe("keys hold meaning only", () => {
  it("adding an eval set changes no mix, train or existing evaluation key", () => {
    const two = buildPlan(gridSpec({ evals: 2 }))
    const three = buildPlan(gridSpec({ evals: 3 }))
    for (const kind of ["generate", "mix", "train", "decode", "grade"]) {
      const before = keysOf(two, kind)
      const after = keysOf(three, kind)
      for (const [id, key] of Object.entries(before)) expect(after[id], `${id}`).toBe(key)
    }
    expect(Object.keys(keysOf(three, "decode")).length).toBeGreaterThan(Object.keys(keysOf(two, "decode")).length)
  })

  it("switching leakage.on_overlap re-keys only the leakage check and the report", () => {
    const spec = gridSpec()
    const warn = keysOf(buildPlan(spec))
    const error = keysOf(buildPlan({ ...spec, leakage: { on_overlap: "error" } }))
    const changed = Object.keys(warn).filter((id) => warn[id] !== error[id]).sort()
    expect(changed).toEqual(["leakage", "report"])
  })

  it("resource fields change no key: threads, checkpoints, limits, prices, backend", () => {
    const spec = gridSpec()
    const base = keysOf(buildPlan(spec))
    const torch = { ...spec.plugins["/students/trainer"]!, resourceFields: ["threads", "python"] }
    const variants: ReadonlyArray<PlannableSpec> = [
      withPlugin({ ...spec, plugins: { ...spec.plugins, "/students/trainer": torch } }, "/students/trainer", { config: { threads: 7, python: "/opt/py" } }),
      { ...spec, train: { ...spec.train, checkpoint_every: 5 } },
      { ...spec, teachers: Object.fromEntries(Object.entries(spec.teachers).map(([n, t]) => [n, { ...t, limits: { concurrency: 1, max_attempts: 9, timeout_ms: 5, requests_per_minute: 3 }, price: { input_per_m: 1, output_per_m: 2 }, expected_output_tokens: 10 }])) },
      { ...spec, budget: { usd: 3 } },
      { ...spec, plugins: { ...spec.plugins, "/backend": { kind: "backend", use: "slurm", name: "slurm", version: "1", description: "", capabilities: { deterministic: true, network: false, gpu: false }, config: { partition: "gpu" } } } }
    ]
    for (const v of variants) expect(keysOf(buildPlan({ ...v, plugins: { ...v.plugins, "/students/trainer": torch } }))).toEqual(
      keysOf(buildPlan({ ...spec, plugins: { ...spec.plugins, "/students/trainer": torch } })))
    expect(Object.keys(base).length).toBeGreaterThan(0)
  })

  it("LoRA dropout and targets and packing re-key training; micro-batches and kept checkpoints re-key nothing", () => {
    const spec = gridSpec({ methods: ["lora"] })
    const base = keysOf(buildPlan(spec))
    const meanings: ReadonlyArray<Partial<PlannableSpec["train"]>> = [{ lora_dropout: 0.1 }, { lora_targets: ["q_proj", "v_proj"] }, { packing: true }]
    for (const meaning of meanings) {
      const changed = keysOf(buildPlan({ ...spec, train: { ...spec.train, ...meaning } }))
      for (const id of Object.keys(base).filter((i) => i.startsWith("train/"))) expect(changed[id], `${Object.keys(meaning)[0]}: ${id}`).not.toBe(base[id])
      for (const id of Object.keys(base).filter((i) => /^(dataset|generate|judge|filter|mix)\//.test(i))) expect(changed[id], id).toBe(base[id])
    }
    expect(keysOf(buildPlan({ ...spec, train: { ...spec.train, micro_batch_size: 2, keep_checkpoints: 5 } }))).toEqual(base)
    expect(keysOf(buildPlan({ ...spec, train: { ...spec.train, overrides: { mix: { micro_batch_size: 4 } } } }))).toEqual(base)
    const packed = keysOf(buildPlan({ ...spec, train: { ...spec.train, overrides: { mix: { packing: true } } } }))
    const differ = Object.keys(base).filter((id) => packed[id] !== base[id])
    expect(differ.filter((id) => id.startsWith("train/")).sort()).toEqual(Object.keys(base).filter((id) => /^train\/mix\//.test(id)).sort())
  })

  it("a location field is keyed by the content it names once that is known, never by the path", () => {
    const spec = gridSpec()
    const at = (path: string, content?: string) => {
      const s = withPlugin(spec, "/data/train", { config: { path }, locationFields: ["path"] })
      return buildPlan(s, content === undefined ? {} : { identities: { "/data/train": { rows: content } } })
    }
    expect(keysOf(at("/a/x.jsonl", "d1"))).toEqual(keysOf(at("/b/y.jsonl", "d1")))
    expect(keysOf(at("/a/x.jsonl", "d1"))["dataset/train"]).not.toBe(keysOf(at("/a/x.jsonl", "d2"))["dataset/train"])
    expect(keysOf(at("/a/x.jsonl"))["dataset/train"]).not.toBe(keysOf(at("/b/y.jsonl"))["dataset/train"])
    expect(JSON.stringify(at("/a/x.jsonl", "d1").nodes.map((n) => n.keyParts))).not.toContain("/a/x.jsonl")
  })

  it("changing the evaluation judge re-keys grading only, never decoding", () => {
    const spec = gridSpec()
    const other: ResolvedPlugin = { ...spec.plugins["/judge"]!, name: "llm", use: "llm", config: { teacher: { use: "x" } } }
    const a = buildPlan(spec)
    const b = buildPlan({ ...spec, plugins: { ...spec.plugins, "/evaluate/judge": other } })
    expect(keysOf(b, "decode")).toEqual(keysOf(a, "decode"))
    const grades = keysOf(a, "grade")
    for (const [id, key] of Object.entries(keysOf(b, "grade"))) expect(grades[id]).not.toBe(key)
  })
})
