// What every step factory receives: the resolved spec, the run's environment and the backend.
import type { PlannableSpec, ResolvedPlugin } from "../plan/input.ts"
import type { PluginRef } from "../plugins/host.ts"
import type { RunEnvironment } from "../run/services.ts"
import type { BackendService } from "../backends/backend.ts"
import type { JobRunner } from "../run/jobs.ts"

/** Shared inputs of the step implementations of one run. */
export interface StepEnv {
  readonly spec: PlannableSpec & { readonly budget?: { readonly usd?: number } }
  readonly run: RunEnvironment
  readonly backend: BackendService
  /** Runs heavy nodes' jobs through the backend (resources, re-attach, events, logs). */
  readonly jobs: JobRunner
  /** CPU threads one heavy node may use: the machine's cores shared among the heavy nodes running at once. */
  readonly threadsPerJob: number
}

/** The `{ use, with }` reference of the plugin at a spec pointer. */
export const refAt = (env: StepEnv, pointer: string): PluginRef => {
  const p: ResolvedPlugin | undefined = env.spec.plugins[pointer]
  if (p === undefined) throw new Error(`no plugin at ${pointer}`)
  return { use: p.use, with: p.config }
}
