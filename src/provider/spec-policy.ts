// A call policy from a spec's snake_case `limits:` and `price:` blocks (teachers, and the teachers of LLM judges).
import type { CallPolicy } from "./policy.ts"

/** A `limits:` block as written in a spec. */
export interface SpecLimits {
  readonly requests_per_minute?: number
  readonly tokens_per_minute?: number
  readonly concurrency?: number
  readonly max_attempts?: number
  readonly timeout_ms?: number
}

/** A `price:` block as written in a spec (USD per million tokens). */
export interface SpecPrice {
  readonly input_per_m: number
  readonly output_per_m: number
}

/** The policy a spec's blocks ask for; unset fields keep the policy defaults (concurrency 8). */
export const policyFromSpec = (limits: SpecLimits | undefined, price: SpecPrice | undefined): Partial<CallPolicy> => ({
  ...(limits?.max_attempts === undefined ? {} : { maxAttempts: limits.max_attempts }),
  ...(limits?.timeout_ms === undefined ? {} : { timeoutMs: limits.timeout_ms }),
  limits: {
    ...(limits?.requests_per_minute === undefined ? {} : { requestsPerMinute: limits.requests_per_minute }),
    ...(limits?.tokens_per_minute === undefined ? {} : { tokensPerMinute: limits.tokens_per_minute }),
    concurrency: limits?.concurrency ?? 8
  },
  ...(price === undefined ? {} : { price: { inputPerM: price.input_per_m, outputPerM: price.output_per_m } })
})
