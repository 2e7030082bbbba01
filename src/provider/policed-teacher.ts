// A teacher whose calls are served from the permanent raw tier or made under the call policy, each one recorded.
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import { type Completion, type TeacherRequest, type TeacherService, TeacherError, type Usage } from "../plugins/index.ts"
import { rawCache, rawKey } from "../store/raw-cache.ts"
import type { Budget } from "./budget.ts"
import { type PolicyCaller, policyCaller } from "./call.ts"
import type { CallPolicy } from "./policy.ts"
import type { RateLimits } from "./rate-limits.ts"

/** One call as recorded: served from the raw tier, answered by the provider, or dead-lettered. */
export interface CallRecord {
  readonly rawKey: string
  readonly provider: string
  readonly model: string
  readonly status: "ok" | "cached" | "dead"
  /** Requests sent (0 when served from the raw tier). */
  readonly attempts: number
  readonly usage?: Usage
  /** USD cost of a call made; absent when the model has no price or nothing was paid. */
  readonly costUsd?: number
  readonly error?: { readonly reason: string; readonly message: string }
}

/** Why calls stopped before being sent: the provider's quota or the run's budget. */
export interface CallStop {
  readonly reason: "quota" | "budget"
  readonly message: string
}

/** Where a policed teacher keeps responses and whom it tells. */
export interface PolicedOptions {
  readonly storeRoot: string
  readonly policy: Partial<CallPolicy>
  /** The run's rate limits and budget, shared with teacher generation. */
  readonly services: Context.Context<RateLimits | Budget>
  readonly record: (call: CallRecord) => void
  readonly stop: (stop: CallStop) => void
}

/**
 * Wraps `teacher` so that each request is looked up in the raw tier (keyed like teacher responses:
 * provider, model, rendered prompt, sampling, sample index) and otherwise sent through one `policyCaller`.
 * A dead letter fails with its last `TeacherError` reason; a quota or budget stop fails with reason
 * `quota` after telling `stop`. Every failure it returns is final: the retries are already spent.
 */
export const policedTeacher = (teacher: TeacherService, options: PolicedOptions): TeacherService => {
  const raw = rawCache(options.storeRoot, teacher.provider, teacher.model)
  const base = { provider: teacher.provider, model: teacher.model }
  let caller: PolicyCaller | undefined
  /** The policy caller, resolved at the first call that needs one and kept for the rest. */
  const callerOnce = Effect.suspend(() =>
    caller !== undefined ? Effect.succeed(caller) : Effect.map(policyCaller(teacher, options.policy), (c) => (caller = c))
  ).pipe(Effect.provideContext(options.services))
  const generate = (request: TeacherRequest): Effect.Effect<Completion, TeacherError> =>
    Effect.gen(function*() {
      const key = rawKey(teacher.provider, teacher.model, request)
      const cached = raw.get(key)
      if (cached !== undefined) {
        options.record({ ...base, rawKey: key, status: "cached", attempts: 0, usage: cached.completion.usage })
        return cached.completion
      }
      const outcome = yield* Effect.flatMap(callerOnce, (call) => call(request))
      if (outcome._tag === "ok") {
        const c = outcome.completion
        raw.put({ key, ...base, completion: c, attempts: outcome.attempts, at: new Date().toISOString() })
        options.record({ ...base, rawKey: key, status: "ok", attempts: outcome.attempts, usage: c.usage,
          ...(outcome.costUsd === undefined ? {} : { costUsd: outcome.costUsd }) })
        return c
      }
      if (outcome._tag === "dead") {
        options.record({ ...base, rawKey: key, status: "dead", attempts: outcome.attempts, error: { reason: outcome.reason, message: outcome.message } })
        return yield* new TeacherError({
          reason: outcome.reason,
          message: `dead-lettered after ${outcome.attempts} attempt(s): ${outcome.message}`,
          ...(outcome.status === undefined ? {} : { status: outcome.status })
        })
      }
      const stop: CallStop = outcome._tag === "quota"
        ? { reason: "quota", message: `provider quota exhausted (${outcome.message})` }
        : { reason: "budget", message: outcome.message }
      options.stop(stop)
      return yield* new TeacherError({ reason: "quota", message: stop.message })
    })
  // Every call goes through `generate`: the inner teacher's `generateWithin` would bypass the raw tier and the policy.
  const { generateWithin: _inner, ...service } = teacher
  return { ...service, generate }
}
