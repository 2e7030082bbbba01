// The plan's vocabulary: step kinds, nodes and the DAG.
import type { KeyParts } from "./keys.ts"

/** Step kinds, in pipeline order. */
export const stepKinds = ["dataset", "generate", "judge", "filter", "mix", "train", "evaluate", "report"] as const
export type StepKind = (typeof stepKinds)[number]

/** Resources a node holds while it runs; the executor bounds concurrency per resource. */
export type Resource = "light" | "cpu" | `api:${string}`

/** Work estimates a plan shows before anything runs. */
export interface Estimate {
  readonly calls?: number
  readonly inputTokens?: number
  readonly outputTokens?: number
  readonly costUsd?: number
  readonly trainTokens?: number
  readonly samples?: number
  /** Chain judges: the share of answers assumed to reach the LLM stage. */
  readonly llmShare?: number
}

/** One step of the plan. `id` is human-readable and unique in the plan; `key` is its cache identity. */
export interface PlanNode {
  readonly id: string
  readonly kind: StepKind
  readonly key: string
  readonly keyParts: KeyParts
  /** Ids of the nodes this one reads, by role (the role names appear in `keyParts.upstream`). */
  readonly deps: Readonly<Record<string, string>>
  readonly resource: Resource
  /** Everything the step needs to run, resolved from the spec (may include env placeholders, never secret values). */
  readonly params: Readonly<Record<string, unknown>>
  readonly estimate: Estimate
}

/** The DAG: nodes in a topological order (every node after its dependencies). */
export interface Plan {
  readonly experiment: string
  readonly nodes: ReadonlyArray<PlanNode>
}
