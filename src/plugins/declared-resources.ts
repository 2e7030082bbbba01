// What a heavy node's plugin declares it needs: the trainer plugin for train, sample and decode nodes (loaded, never started).
import * as Effect from "effect/Effect"
import type { Resources } from "../backends/backend.ts"
import type { DecodeParams } from "../plan/params.ts"
import type { PlanNode } from "../plan/node.ts"
import type { PlannableSpec } from "../plan/input.ts"
import { loadPlugin } from "./registry.ts"
import type { TrainerPlugin } from "./trainer.ts"

/** Node kinds that run as backend jobs: training, the student's own sampling, and evaluation (decode). */
export const heavyKinds: ReadonlySet<string> = new Set(["train", "sample", "decode"])

/**
 * Whether a decode node runs as a backend job: yes when the worker opens the student; a decode of a student served
 * over HTTP (`evaluate.serve`) is light and stays in the coordinator (its server is a job of its own).
 */
export const decodeRunsAsJob = (params: DecodeParams): boolean => params.served === undefined

/** Whether a node runs as a backend job. */
export const runsAsJob = (node: PlanNode): boolean =>
  node.kind === "decode" ? decodeRunsAsJob(node.params as DecodeParams) : heavyKinds.has(node.kind)

/**
 * The plugin's declaration for a node (empty when the plugin declares nothing or cannot be loaded). Sample and
 * decode jobs run the trainer's student, so the trainer sizes them too, asked with `method` "sample" or "decode"
 * (the hf trainer: a GPU with 4 CPUs and 32 GB; the torch trainer: 2 CPUs, 4 GB).
 */
export const declaredResources = (node: PlanNode, spec: PlannableSpec, specDir: string): Effect.Effect<Partial<Resources>> =>
  Effect.gen(function*() {
    if (!runsAsJob(node)) return {}
    const ref = spec.plugins["/students/trainer"]
    if (ref === undefined) return {}
    const plugin = yield* loadPlugin("trainer", ref.use, specDir).pipe(Effect.orElseSucceed(() => undefined))
    const declare = (plugin as TrainerPlugin | undefined)?.resources
    const p = node.params as { family?: unknown; size?: unknown; method?: unknown }
    const query = {
      family: String(p.family ?? spec.students.family),
      size: String(p.size),
      method: node.kind === "train" ? String(p.method) : node.kind
    }
    const declared = declare === undefined ? {} : declare(query, ref.config)
    return node.kind === "train" ? declared : oneDevice(declared)
  })

/**
 * A decoding job's share of a multi-GPU declaration: the decoding workers (onnxruntime, transformers `generate`)
 * use one device, so more GPUs become one, with the CPUs and memory that came with it.
 */
export const oneDevice = (r: Partial<Resources>): Partial<Resources> => {
  const gpus = r.gpus ?? 0
  if (gpus <= 1) return r
  return {
    ...r, gpus: 1,
    ...(r.cpus === undefined ? {} : { cpus: Math.max(1, Math.ceil(r.cpus / gpus)) }),
    ...(r.memoryMb === undefined ? {} : { memoryMb: Math.ceil(r.memoryMb / gpus) })
  }
}
