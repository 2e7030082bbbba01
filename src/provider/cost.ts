// Cost of a call from its token usage and a per-million price.
import type { Price, Usage } from "../plugins/index.ts"

/**
 * USD cost of `usage` at `price`. `outputTokens` is taken to include thinking tokens (the built-in
 * provider teachers report it that way, as the providers bill thinking as output).
 */
export const costOf = (usage: Usage, price: Price): number =>
  (usage.inputTokens * price.inputPerM + usage.outputTokens * price.outputPerM) / 1_000_000

/** Token counts estimated for a request before it is sent. */
export interface TokenEstimate {
  readonly inputTokens: number
  readonly outputTokens: number
}

/** Upper-bound cost estimate: estimated input plus the full output allowance. */
export const estimatedCostOf = (estimate: TokenEstimate, price: Price): number =>
  costOf({ inputTokens: estimate.inputTokens, outputTokens: estimate.outputTokens }, price)
