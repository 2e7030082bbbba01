// callWithPolicy: one teacher request under limits, timeout, retries, quota stop and budget; never fails.
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import { type Completion, type TeacherRequest, type TeacherService, TeacherError } from "../plugins/index.ts"
import { Budget, budgetMessage } from "./budget.ts"
import { costOf, estimatedCostOf } from "./cost.ts"
import { estimateTokens } from "./estimate.ts"
import type { CallOutcome } from "./outcome.ts"
import { type CallPolicy, resolvePolicy } from "./policy.ts"
import { RateLimits } from "./rate-limits.ts"
import { retrySchedule } from "./retry-schedule.ts"

/** Why the policy stopped before sending a request. */
class PolicyStop extends Data.TaggedError("PolicyStop")<{
  readonly reason: "quota" | "budget" | "auth"
  readonly message: string
}> {}

/** Actual tokens charged against tokens/min: everything read and written. */
const usedTokens = (completion: Completion): number => completion.usage.inputTokens + completion.usage.outputTokens

/** A policy resolved once with its retry schedule, per policy object a caller passes again and again. */
const resolved = new WeakMap<Partial<CallPolicy>, { readonly policy: CallPolicy; readonly schedule: ReturnType<typeof retrySchedule<TeacherError | PolicyStop>> }>()

const prepared = (input: Partial<CallPolicy>) => {
  let entry = resolved.get(input)
  if (entry === undefined) {
    const policy = resolvePolicy(input)
    entry = { policy, schedule: retrySchedule<TeacherError | PolicyStop>(policy) }
    resolved.set(input, entry)
  }
  return entry
}

/** One teacher's calls under one policy: the rate key's limiter, the budget and the retry schedule resolved once. */
export type PolicyCaller = (request: TeacherRequest) => Effect.Effect<CallOutcome>

/**
 * Resolves `teacher`'s limiter (by its rate key), the run's budget and the policy's schedule once, for many
 * calls: see `callWithPolicy` for what each call does.
 */
export const policyCaller = (
  teacher: TeacherService,
  policyInput: Partial<CallPolicy> = {}
): Effect.Effect<PolicyCaller, never, RateLimits | Budget> =>
  Effect.gen(function*() {
    const { policy, schedule } = prepared(policyInput)
    const limiter = yield* (yield* RateLimits).forKey(teacher.rateKey, policy.limits)
    const budget = yield* Budget
    const price = policy.price ?? teacher.price
    const within = teacher.generateWithin
    const timeoutMs = policy.timeoutMs

    const stopped = (): PolicyStop | undefined => {
      const stop = limiter.stoppedUnsafe()
      return stop === undefined ? undefined : new PolicyStop(stop)
    }
    const quotaCheck = Effect.suspend(() => {
      const stop = stopped()
      return stop === undefined ? Effect.void : Effect.fail(stop)
    })
    const budgetStop = Effect.flatMap(budget.snapshot, (s) => Effect.fail(new PolicyStop({ reason: "budget", message: budgetMessage(s) })))
    const timedOut = () => Effect.fail(new TeacherError({ reason: "timeout", message: `no answer within ${timeoutMs} ms` }))
    /** What a failed request tells the limiter: quota and auth trip the key, a retry-after pauses it. */
    const observe = (error: TeacherError): Effect.Effect<void> => {
      if (error.reason === "quota") return limiter.tripQuota(error.message)
      if (error.reason === "auth") return limiter.tripAuth(error.message)
      if (error.reason === "rate-limited" && error.retryAfterMs !== undefined) {
        return limiter.pauseFor(Math.min(error.retryAfterMs, policy.maxRetryAfterMs))
      }
      return Effect.void
    }

    return (request) => {
      const estimate = estimateTokens(request, teacher.provider)
      const estimatedTokens = estimate.inputTokens + estimate.outputTokens
      const estimateUsd = price === undefined ? 0 : estimatedCostOf(estimate, price)
      let attempts = 0
      // A teacher that keeps a deadline itself is given the limit; racing a timer costs two fibers per attempt.
      const send = (within !== undefined
        ? Effect.suspend(() => {
          attempts += 1
          return within(request, timeoutMs)
        })
        : Effect.suspend(() => {
          attempts += 1
          return teacher.generate(request)
        }).pipe(Effect.timeoutOrElse({ duration: timeoutMs, orElse: timedOut }))).pipe(Effect.tapError(observe))
      const settled = (completion: Completion) => {
        const costUsd = price === undefined ? undefined : costOf(completion.usage, price)
        return Effect.as(
          Effect.andThen(budget.settle(estimateUsd, costUsd), limiter.settleTokens(estimatedTokens, usedTokens(completion))),
          { completion, costUsd }
        )
      }
      const sent = limiter.run(estimatedTokens, Effect.andThen(quotaCheck, send)).pipe(
        Effect.onError(() => budget.release(estimateUsd)),
        Effect.flatMap(settled)
      )
      const attempt = Effect.suspend(() => {
        const stop = stopped()
        if (stop !== undefined) return Effect.fail(stop)
        return Effect.flatMap(budget.reserve(estimateUsd), (admitted) => admitted ? sent : budgetStop)
      })

      const succeeded = ({ completion, costUsd }: { completion: Completion; costUsd: number | undefined }) =>
        Effect.succeed<CallOutcome>({ _tag: "ok", completion, attempts, costUsd })
      const failed = (error: TeacherError | PolicyStop): Effect.Effect<CallOutcome> => {
        if (error instanceof PolicyStop && error.reason === "budget") {
          return Effect.map(budget.snapshot, (s): CallOutcome => ({
            _tag: "budget",
            message: error.message,
            attempts,
            spentUsd: s.spentUsd,
            limitUsd: s.limitUsd ?? 0
          }))
        }
        if (error.reason === "auth") {
          return Effect.succeed({ _tag: "auth", message: error.message, attempts })
        }
        if (error instanceof PolicyStop || error.reason === "quota") {
          return Effect.succeed({ _tag: "quota", message: error.message, attempts })
        }
        return Effect.succeed({
          _tag: "dead",
          reason: error.reason,
          message: error.message,
          attempts,
          ...(error.status !== undefined ? { status: error.status } : {})
        })
      }
      // The retry schedule starts at the first failure: a call that succeeds at once never builds its state. The
      // failure is replayed into `Effect.retry`, so the schedule sees every failure as if it had run from the start.
      return Effect.matchEffect(attempt, {
        onSuccess: succeeded,
        onFailure: (first) => {
          let replayed = false
          const again = Effect.suspend(() => replayed ? attempt : (replayed = true, Effect.fail(first)))
          return Effect.matchEffect(Effect.retry(again, schedule), { onSuccess: succeeded, onFailure: failed })
        }
      })
    }
  })

/**
 * Sends `request` to `teacher` under `policy`: the rate key's limits, a timeout per attempt, retries with
 * capped exponential backoff and jitter for transient errors (honouring `retryAfterMs`), an immediate
 * stop on quota (and no later calls on that key), and the budget (no call once it would be exceeded).
 * The outcome is data, so the caller can record dead letters and pauses. A caller making many calls
 * resolves a `policyCaller` once instead.
 */
export const callWithPolicy = (
  teacher: TeacherService,
  request: TeacherRequest,
  policyInput: Partial<CallPolicy> = {}
): Effect.Effect<CallOutcome, never, RateLimits | Budget> =>
  Effect.flatMap(policyCaller(teacher, policyInput), (call) => call(request))
