// What heavy nodes ask for: the trainer sizes training, and the decode and sample jobs of its students (one device each).
import * as os from "node:os"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { buildPlan } from "../../src/plan/build.ts"
import type { PlannableSpec } from "../../src/plan/input.ts"
import { declaredResources, oneDevice, runsAsJob } from "../../src/plugins/declared-resources.ts"
import { gridSpec } from "../support/plannable.ts"

const withDpo = (spec: PlannableSpec): PlannableSpec =>
  ({ ...spec, train: { ...spec.train, stages: [{ name: "dpo", method: "dpo", from: "sft", samples: 2 }] } as PlannableSpec["train"] })
const withTrainer = (spec: PlannableSpec, use: string, config: Record<string, unknown>): PlannableSpec =>
  ({ ...spec, plugins: { ...spec.plugins, "/students/trainer": { ...spec.plugins["/students/trainer"]!, use, name: use, config } } })
const declared = (spec: PlannableSpec) => Effect.runPromise(Effect.gen(function*() {
  const out: Record<string, unknown> = {}
  for (const n of buildPlan(spec).nodes.filter(runsAsJob)) out[n.kind] ??= yield* declaredResources(n, spec, os.tmpdir())
  return out
}))

describe("declared resources of heavy nodes", () => {
  it("makes train, sample and decode nodes backend jobs, and nothing else", () => {
    const kinds = new Set(buildPlan(withDpo(gridSpec({ sizes: 1, evals: 1 }))).nodes.filter(runsAsJob).map((n) => n.kind))
    expect(kinds).toEqual(new Set(["train", "sample", "decode"]))
  })

  it("asks the torch trainer for its students' decode and sample jobs too", async () => {
    const torch = { cpus: 2, gpus: 0, memoryMb: 4096 }
    expect(await declared(withDpo(gridSpec({ sizes: 1, evals: 1 })))).toEqual({ train: torch, sample: torch, decode: torch })
  })

  it("gives the hf trainer's decode and sample jobs one of its GPUs, with that GPU's CPUs and memory", async () => {
    const spec = withTrainer(withDpo(gridSpec({ sizes: 1, evals: 1 })), "hf", { gpus: 4, launcher: "torchrun", threads: 0, peak_gflops: 0, offline: true })
    const one = { cpus: 4, gpus: 1, memoryMb: 32_768 }
    expect(await declared(spec)).toEqual({ train: { cpus: 16, gpus: 4, memoryMb: 131_072 }, sample: one, decode: one })
  })

  it("keeps a declaration of at most one GPU as it is", () => {
    expect(oneDevice({ cpus: 3, gpus: 1, memoryMb: 100 })).toEqual({ cpus: 3, gpus: 1, memoryMb: 100 })
    expect(oneDevice({ cpus: 3 })).toEqual({ cpus: 3 })
    expect(oneDevice({ gpus: 3, cpus: 2 })).toEqual({ gpus: 1, cpus: 1 })
  })
})
