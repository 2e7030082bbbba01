// The call policy: attempts, per-attempt timeout, backoff, limits and price override for teacher calls.
import type * as Effect from "effect/Effect"
import type { Price, TeacherError } from "../plugins/index.ts"
import type { Limits } from "./window-limiter.ts"

/** What a retry hook is told before the policy sleeps. */
export interface RetryNotice {
  /** Attempts made so far (1 after the first failure). */
  readonly attempt: number
  readonly error: TeacherError
  readonly delayMs: number
}

/** How teacher calls are made. Every field has a default (see `DEFAULT_POLICY`). */
export interface CallPolicy {
  /** Attempts per call, the first included; afterwards the call is dead-lettered. */
  readonly maxAttempts: number
  /** Limit on one attempt. */
  readonly timeoutMs: number
  /** First backoff delay; doubled per retry, capped at `maxDelayMs`, jittered x0.8-1.2. */
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /** Longest provider `retry-after` honoured; longer requests are cut to this. */
  readonly maxRetryAfterMs: number
  /** Requests/tokens per minute and concurrency for the teacher's rate key. */
  readonly limits: Limits
  /** Price override (the spec's); the teacher's default price otherwise. */
  readonly price?: Price | undefined
  /** Called before each retry sleep (progress: "waiting on rate limit"). */
  readonly onRetry?: ((notice: RetryNotice) => Effect.Effect<void>) | undefined
}

/** Defaults: 5 attempts, 10 min per attempt, 1 s .. 60 s backoff, retry-after honoured up to 10 min, no limits. */
export const DEFAULT_POLICY: CallPolicy = {
  maxAttempts: 5,
  timeoutMs: 600_000,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 600_000,
  limits: {}
}

/** A policy with defaults filled in. */
export const resolvePolicy = (policy: Partial<CallPolicy> = {}): CallPolicy => ({
  ...DEFAULT_POLICY,
  ...policy,
  maxAttempts: Math.max(1, Math.floor(policy.maxAttempts ?? DEFAULT_POLICY.maxAttempts))
})
