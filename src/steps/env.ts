// What every step factory receives (the resolved spec, the run's environment, the backend), and plugin services for steps.
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { PlannableSpec } from "../plan/input.ts"
import { buildService, type RunEnvironment, type ServiceOf } from "../plugins/runtime.ts"
import type { BackendService } from "../backends/backend.ts"
import { StepFailed } from "./step.ts"
import type { JobRunner } from "./job-runner.ts"

/** Shared inputs of the step implementations of one run. */
export interface StepEnv {
  readonly spec: PlannableSpec & { readonly budget?: { readonly usd?: number } }
  readonly run: RunEnvironment
  readonly backend: BackendService
  /** Runs heavy nodes' jobs through the backend (resources, re-attach, events, logs). */
  readonly jobs: JobRunner
  /** CPU threads one heavy node may use: the machine's cores shared among the heavy nodes running at once. */
  readonly threadsPerJob: number
  /** Retry dead-lettered samples under the current limits instead of keeping them (`distill run --retry-dead`). */
  readonly retryDead?: boolean
}

/** The service of the plugin at a spec pointer; a failure to start it fails node `nodeId`. */
export const serviceAt = <K extends keyof ServiceOf>(env: StepEnv, kind: K, pointer: string, nodeId: string): Effect.Effect<ServiceOf[K], StepFailed, Scope.Scope> => {
  const p = env.spec.plugins[pointer]
  if (p === undefined) return Effect.fail(new StepFailed({ node: nodeId, reason: "failed", message: `the spec has no ${kind} plugin at ${pointer}` }))
  return buildService(kind, { use: p.use, with: p.config }, env.run).pipe(
    Effect.mapError((e) => new StepFailed({ node: nodeId, reason: "failed", message: e.message })))
}
