// The retry schedule: capped exponential backoff with jitter, honouring retry-after, transient reasons only.
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import { TeacherError } from "../plugins/index.ts"
import type { CallPolicy } from "./policy.ts"

/** Reasons worth another attempt. */
export const RETRYABLE: ReadonlySet<TeacherError["reason"]> = new Set(["rate-limited", "server", "timeout", "network"])

/** True for a TeacherError whose reason is transient. */
export const isRetryable = (error: unknown): error is TeacherError =>
  error instanceof TeacherError && RETRYABLE.has(error.reason)

/**
 * Schedule for `Effect.retry`: at most `maxAttempts - 1` retries of transient TeacherErrors; delay
 * min(base * 2^n, max) x jitter, raised to the error's `retryAfterMs` (capped at `maxRetryAfterMs`).
 */
export const retrySchedule = <E>(policy: CallPolicy) =>
  Schedule.min([Schedule.exponential(Duration.millis(policy.baseDelayMs)), Schedule.spaced(Duration.millis(policy.maxDelayMs))])
    .pipe(
      Schedule.jittered,
      Schedule.setInputType<E>(),
      Schedule.modifyDelay(({ input, duration }) => {
        const asked = input instanceof TeacherError ? input.retryAfterMs : undefined
        if (asked === undefined) return Effect.succeed(duration)
        const wait = Math.min(asked, policy.maxRetryAfterMs)
        return Effect.succeed(Duration.max(duration, Duration.millis(wait)))
      }),
      Schedule.upTo({ times: policy.maxAttempts - 1 }),
      Schedule.while(({ input }) => isRetryable(input)),
      Schedule.tap(({ input, attempt, duration }) =>
        policy.onRetry !== undefined && input instanceof TeacherError
          ? policy.onRetry({ attempt, error: input, delayMs: Duration.toMillis(duration) })
          : Effect.void
      )
    )
