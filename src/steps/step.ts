// The contract every step kind implements: read upstream entries, write outputs into the node's directory.
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import type { NodeOf, PlanNode, StepKind } from "../plan/node.ts"
import type { Manifest } from "../store/manifest.ts"

/** A finished upstream node, as a step sees it. */
export interface UpstreamEntry {
  readonly node: PlanNode
  readonly dir: string
  readonly manifest: Manifest
}

/** Progress handle of one running node. */
export interface Progress {
  readonly total: (n: number) => void
  readonly advance: (n?: number) => void
  readonly note: (text: string) => void
}

/** A node's view of its surroundings while it runs. */
export interface StepContext<K extends StepKind = StepKind> {
  readonly node: NodeOf<K>
  /** The node's entry directory (kept across crashes until the manifest is written). */
  readonly dir: string
  readonly upstream: Readonly<Record<string, UpstreamEntry>>
  readonly progress: Progress
  /** Appends to the run's events.jsonl. */
  readonly event: (event: string, fields?: Readonly<Record<string, unknown>>) => void
}

/** What a step reports when it finishes; `summary` lands in the manifest. */
export interface StepResult {
  readonly summary: Readonly<Record<string, unknown>>
  /** Output files relative to the node directory (default: every file in it). */
  readonly outputs?: ReadonlyArray<string>
}

/** A step that could not finish. `paused` marks a stop the user must act on (quota, budget), not a bug. */
export class StepFailed extends Data.TaggedError("StepFailed")<{
  readonly node: string
  readonly reason: "failed" | "paused"
  readonly message: string
}> {}

/** The implementation of step kind `K`; `R` is whatever services it needs from the run. */
export type Step<K extends StepKind, R = never> = (ctx: StepContext<K>) => Effect.Effect<StepResult, StepFailed, R>

/** One implementation per step kind. */
export type Steps<R = never> = { readonly [K in StepKind]: Step<K, R> }

/** Runs the step of `ctx.node`'s kind (the one place the kind and its implementation are matched up). */
export const runStep = <R>(steps: Partial<Steps<R>>, ctx: StepContext): Effect.Effect<StepResult, StepFailed, R> => {
  const step = steps[ctx.node.kind] as Step<StepKind, R> | undefined
  return step === undefined
    ? Effect.fail(new StepFailed({ node: ctx.node.id, reason: "failed", message: `no step implementation for kind '${ctx.node.kind}'` }))
    : step(ctx)
}
