// Backend plugins: where heavy jobs run (child processes, a Slurm cluster), behind submit / poll (all) / cancel (many).
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import type * as Effect from "effect/Effect"
import type { Plugin } from "./define.ts"

/**
 * What one job asks of the machine. `gpus` become a gres request (`gpu:N`, or `gpu:TYPE:N` with `gpuType`);
 * unset fields leave the backend's or the scheduler's defaults. Never part of a node key.
 */
export interface Resources {
  readonly cpus: number
  readonly gpus: number
  readonly gpuType?: string
  readonly memoryMb?: number
  readonly timeLimitMinutes?: number
  readonly partition?: string
  readonly account?: string
  readonly qos?: string
  readonly constraint?: string
}

/** A command to run as a job. stdout and stderr go to files (appended to) so any backend can be tailed the same way. */
export interface JobSpec {
  readonly name: string
  readonly command: string
  readonly args: ReadonlyArray<string>
  readonly cwd: string
  readonly env?: Readonly<Record<string, string>>
  /**
   * Variables the job takes from the submitting process's environment by name (credentials such as an API key):
   * passed in memory, never written to a script, log or job file.
   */
  readonly inheritEnv?: ReadonlyArray<string>
  readonly stdoutFile: string
  readonly stderrFile: string
  readonly resources: Resources
}

/** A submitted job's id, as the backend names it; enough to poll or cancel the job from another process. */
export type JobId = string

/**
 * What `poll` says of a job. `queued`, `running` and `requeued` are live; the rest are final. `unknown`: the backend
 * has no record of the id (purged from the scheduler's memory, or a local job of a process that is gone).
 */
export type JobState =
  | { readonly state: "queued"; readonly reason?: string }
  | { readonly state: "running" }
  | { readonly state: "requeued"; readonly reason?: string }
  | { readonly state: "succeeded" }
  | { readonly state: "failed"; readonly exitCode: number | null; readonly message: string }
  | { readonly state: "cancelled"; readonly message?: string }
  | { readonly state: "timeout"; readonly message: string }
  | { readonly state: "preempted"; readonly message: string }
  | { readonly state: "unknown"; readonly message: string }

/** The states after which a job never runs again. */
export const finalStates: ReadonlySet<JobState["state"]> = new Set(["succeeded", "failed", "cancelled", "timeout", "preempted", "unknown"])

/** Whether a job in this state is over. */
export const isFinal = (s: JobState): boolean => finalStates.has(s.state)

export class BackendError extends Data.TaggedError("BackendError")<{
  readonly reason: "submit" | "poll" | "cancel"
  readonly message: string
}> {}

/**
 * A backend: submit one job, poll many at once, cancel many at once. `poll` and `cancel` accept ids from an earlier
 * process (re-attach after a restart); a backend that cannot see them answers `unknown`.
 */
export interface BackendService {
  readonly name: string
  readonly submit: (job: JobSpec) => Effect.Effect<JobId, BackendError>
  readonly poll: (ids: ReadonlyArray<JobId>) => Effect.Effect<ReadonlyMap<JobId, JobState>, BackendError>
  readonly cancel: (ids: ReadonlyArray<JobId>) => Effect.Effect<void, BackendError>
  /** Whether its jobs outlive the coordinator (then a restarted run re-attaches to them). */
  readonly detached: boolean
  /** How often the engine polls (default 1 s for a detached backend, 0.3 s otherwise). */
  readonly pollIntervalMs?: number
}

export class Backend extends Context.Service<Backend, BackendService>()("distill/Backend") {}

/** A backend plugin. */
export type BackendPlugin<Config = any> = Plugin<"backend", Config, Backend, BackendError>

/** Defines a backend plugin. */
export const defineBackend = <Config>(p: Omit<BackendPlugin<Config>, "kind">): BackendPlugin<Config> =>
  ({ kind: "backend", ...p })
