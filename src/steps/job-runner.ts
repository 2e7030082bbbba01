// What a step asks of the run's job runner: run a command as a backend job, follow it, and say how it ended.
import type * as Effect from "effect/Effect"
import type { BackendService, JobId, JobSpec, JobState, Resources } from "../backends/backend.ts"
import type { PlanNode } from "../plan/node.ts"
import type { StepFailed } from "./step.ts"

/** What names a job: a plan node, or a job a step runs on the side (a served model: kind "serve"). */
export type JobNode = Pick<PlanNode, "id" | "key"> & { readonly kind: string }

/** What a step asks of the runner. */
export interface JobRequest {
  readonly node: JobNode
  readonly job: Omit<JobSpec, "name" | "resources">
  /** Resources the node's plugin declares (site overrides win). */
  readonly declared?: Partial<Resources>
  /** Called once with the stdout offset where this job's output starts (0..size: an attached job's own start). */
  readonly onStart?: (stdoutOffset: number) => void
  /** Called after every poll, to follow the job's output. */
  readonly onPoll?: () => void
}

/** How the job ended. */
export interface JobOutcome {
  readonly id: JobId
  readonly state: JobState
  readonly attached: boolean
  /** The job's stderr, copied under the run record (relative to it). */
  readonly log?: string
}

/** The runner of one run. */
export interface JobRunner {
  readonly backend: BackendService
  readonly resourcesOf: (node: JobNode, declared?: Partial<Resources>) => Resources
  readonly run: (req: JobRequest) => Effect.Effect<JobOutcome, StepFailed>
}
