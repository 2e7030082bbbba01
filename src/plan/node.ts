// The plan's vocabulary: step kinds, typed nodes (a union on `kind`) and the DAG.
import type { GpuThroughput } from "../plugins/trainer.ts"
import type { KeyParts } from "./keys.ts"
import type { ParamsOf } from "./params.ts"

/** Step kinds, in pipeline order. */
export const stepKinds = ["dataset", "leakage", "generate", "judge", "filter", "mix", "train", "sample", "decode", "grade", "report"] as const
export type StepKind = (typeof stepKinds)[number]

/** Resources a node holds while it runs; the executor bounds concurrency per resource. */
export type Resource = "light" | "cpu" | `api:${string}`

/** Work estimates a plan shows before anything runs. */
export interface Estimate {
  readonly calls?: number
  readonly inputTokens?: number
  readonly outputTokens?: number
  readonly costUsd?: number
  /** Tokens a train node passes through the student (examples x mean tokens per example, estimated). */
  readonly trainTokens?: number
  /** Tokens a decode node runs through the student (prompts and at most max_new_tokens per answer). */
  readonly decodeTokens?: number
  /** GPU-hours at the trainer's assumed throughput (train: 6 x params x tokens FLOPs; decode: 2 x params x tokens). */
  readonly gpuHours?: number
  readonly samples?: number
  /** Chain judges: the share of answers assumed to reach the LLM stage. */
  readonly llmShare?: number
}

/** One step of the plan, of kind `K`. `id` is human-readable and unique in the plan; `key` is its cache identity. */
export interface NodeOf<K extends StepKind> {
  readonly id: string
  readonly kind: K
  readonly key: string
  readonly keyParts: KeyParts
  /** Ids of the nodes this one reads, by role (the role names appear in `keyParts.upstream`). */
  readonly deps: Readonly<Record<string, string>>
  /** Nodes that must succeed before this one starts, without being read or entering the key (checks). */
  readonly after: ReadonlyArray<string>
  readonly resource: Resource
  /** Everything the step needs to run, resolved from the spec (may include env placeholders, never secret values). */
  readonly params: ParamsOf[K]
  readonly estimate: Estimate
}

/** Any node of the plan: a union discriminated on `kind`. */
export type PlanNode = { readonly [K in StepKind]: NodeOf<K> }[StepKind]

/** The DAG: nodes in a topological order (every node after its dependencies). */
export interface Plan {
  readonly experiment: string
  readonly nodes: ReadonlyArray<PlanNode>
  /** The GPU throughput the GPU-hour estimates assume, when there are any. */
  readonly gpu?: GpuThroughput
}
