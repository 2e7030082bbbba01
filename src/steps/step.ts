// The contract every step kind implements: read upstream entries, write outputs into the node's directory.
import { Data, type Effect } from "effect"
import type { PlanNode } from "../plan/node.ts"
import type { Manifest } from "../store/manifest.ts"
import type { Progress } from "../run/progress.ts"

/** A finished upstream node, as a step sees it. */
export interface UpstreamEntry {
  readonly node: PlanNode
  readonly dir: string
  readonly manifest: Manifest
}

/** A node's view of its surroundings while it runs. */
export interface StepContext {
  readonly node: PlanNode
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

/** A step kind's implementation; `R` is whatever services it needs from the run. */
export type Step<R = never> = (ctx: StepContext) => Effect.Effect<StepResult, StepFailed, R>
