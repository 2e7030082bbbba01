// Budget: spend accounting in USD with an optional limit; once reached, no new calls are admitted.
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/** Spend so far. `unpricedCalls` counts calls whose cost is unknown (no price for the model). */
export interface BudgetSnapshot {
  readonly limitUsd: number | undefined
  readonly spentUsd: number
  /** Estimated cost of calls admitted and still in flight. */
  readonly reservedUsd: number
  readonly pricedCalls: number
  readonly unpricedCalls: number
}

/** The budget shared by every call of a run. */
export interface BudgetService {
  readonly limitUsd: number | undefined
  /**
   * Admits a call estimated to cost `estimateUsd` (an upper bound) and reserves it, or answers false
   * when spent + reserved + estimate would exceed the limit.
   */
  readonly reserve: (estimateUsd: number) => Effect.Effect<boolean>
  /** Replaces a reservation by the actual cost (undefined: the model has no price). */
  readonly settle: (estimateUsd: number, actualUsd: number | undefined) => Effect.Effect<void>
  /** Drops a reservation for a call that failed. */
  readonly release: (estimateUsd: number) => Effect.Effect<void>
  readonly snapshot: Effect.Effect<BudgetSnapshot>
}

/** Options of a budget: the limit, and what an earlier run of the same node already spent. */
export interface BudgetOptions {
  readonly limitUsd?: number | undefined
  readonly spentUsd?: number
}

/** Builds a budget service (no limit when `limitUsd` is undefined). */
export const makeBudget = (options: BudgetOptions = {}): BudgetService => {
  const limitUsd = options.limitUsd
  let spentUsd = options.spentUsd ?? 0
  let reservedUsd = 0
  let pricedCalls = 0
  let unpricedCalls = 0
  return {
    limitUsd,
    reserve: (estimateUsd) =>
      Effect.sync(() => {
        if (limitUsd !== undefined && spentUsd + reservedUsd + estimateUsd > limitUsd) return false
        reservedUsd += estimateUsd
        return true
      }),
    settle: (estimateUsd, actualUsd) =>
      Effect.sync(() => {
        reservedUsd = Math.max(0, reservedUsd - estimateUsd)
        if (actualUsd === undefined) unpricedCalls += 1
        else {
          spentUsd += actualUsd
          pricedCalls += 1
        }
      }),
    release: (estimateUsd) => Effect.sync(() => { reservedUsd = Math.max(0, reservedUsd - estimateUsd) }),
    snapshot: Effect.sync(() => ({ limitUsd, spentUsd, reservedUsd, pricedCalls, unpricedCalls }))
  }
}

/** A readable line about a budget that stopped a call. */
export const budgetMessage = (s: BudgetSnapshot): string =>
  `spend budget of $${(s.limitUsd ?? 0).toFixed(4)} reached: spent $${s.spentUsd.toFixed(4)}` +
  (s.reservedUsd > 0 ? ` (+$${s.reservedUsd.toFixed(4)} reserved by calls in flight)` : "") +
  "; no new teacher or judge calls are made"

/** The run's budget service. */
export class Budget extends Context.Service<Budget, BudgetService>()("distill/Budget") {
  /** A budget with the given limit (and spend carried over from an earlier run). */
  static readonly layer = (options: BudgetOptions = {}): Layer.Layer<Budget> =>
    Layer.sync(Budget, () => makeBudget(options))
  /** A budget that only counts. */
  static readonly unlimited: Layer.Layer<Budget> = Layer.sync(Budget, () => makeBudget())
}
