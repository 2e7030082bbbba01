// The backend contract: transport a command somewhere, then poll and cancel it. Local now; Slurm fits unchanged.
import { Context, Data, type Effect } from "effect"

/** A command to run as a job. stdout and stderr go to files so any backend can be tailed the same way. */
export interface JobSpec {
  readonly name: string
  readonly command: string
  readonly args: ReadonlyArray<string>
  readonly cwd: string
  readonly env?: Readonly<Record<string, string>>
  readonly stdoutFile: string
  readonly stderrFile: string
  readonly resources: { readonly cpus: number; readonly gpus: number; readonly memoryGb?: number; readonly minutes?: number }
}

/** A submitted job's id, as the backend names it. */
export type JobId = string

/** What `poll` says of a job. */
export type JobState =
  | { readonly state: "queued" | "running" }
  | { readonly state: "succeeded" }
  | { readonly state: "failed"; readonly exitCode: number | null; readonly message: string }
  | { readonly state: "cancelled" }

export class BackendError extends Data.TaggedError("BackendError")<{
  readonly reason: "submit" | "poll" | "cancel"
  readonly message: string
}> {}

/** A backend: submit one job, poll many, cancel one. */
export interface BackendService {
  readonly name: string
  readonly submit: (job: JobSpec) => Effect.Effect<JobId, BackendError>
  readonly poll: (ids: ReadonlyArray<JobId>) => Effect.Effect<ReadonlyMap<JobId, JobState>, BackendError>
  readonly cancel: (id: JobId) => Effect.Effect<void, BackendError>
}

export class Backend extends Context.Service<Backend, BackendService>()("distill/Backend") {}
