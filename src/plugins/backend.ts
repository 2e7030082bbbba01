// Backend plugins: where jobs run (local child processes now; a cluster scheduler later), behind submit/poll/cancel.
import type { BackendError, Backend } from "../backends/backend.ts"
import type { Plugin } from "./define.ts"

export { Backend, BackendError, type BackendService, type JobId, type JobSpec, type JobState } from "../backends/backend.ts"

/** A backend plugin. */
export type BackendPlugin<Config = any> = Plugin<"backend", Config, Backend, BackendError>

/** Defines a backend plugin. */
export const defineBackend = <Config>(p: Omit<BackendPlugin<Config>, "kind">): BackendPlugin<Config> =>
  ({ kind: "backend", ...p })
