// Budget accounting: reservations, settlement, unpriced calls, carried-over spend.
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { budgetMessage, makeBudget } from "../../src/provider/budget.ts"

describe("budget", () => {
  it("admits while spent + reserved + estimate fits the limit", () => {
    const b = makeBudget({ limitUsd: 1, spentUsd: 0.5 })
    const run = <A>(e: Effect.Effect<A>) => Effect.runSync(e)
    expect(run(b.reserve(0.3))).toBe(true)
    expect(run(b.reserve(0.3))).toBe(false) // 0.5 + 0.3 + 0.3 > 1
    run(b.settle(0.3, 0.1))
    expect(run(b.reserve(0.3))).toBe(true) // 0.6 + 0.3
    run(b.release(0.3))
    run(b.settle(0, undefined))
    expect(run(b.snapshot)).toEqual({ limitUsd: 1, spentUsd: 0.6, reservedUsd: 0, pricedCalls: 1, unpricedCalls: 1 })
    expect(budgetMessage(run(b.snapshot))).toBe("spend budget of $1.0000 reached: spent $0.6000; no new teacher or judge calls are made")
  })

  it("without a limit only counts", () => {
    const b = makeBudget()
    expect(Effect.runSync(b.reserve(1e9))).toBe(true)
  })
})
