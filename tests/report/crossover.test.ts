// Tests for crossovers: a size is named only when significant gaps of opposite sign lie on both sides.
import { describe, expect, it } from "vitest"
import { crossovers } from "../../src/report/crossover.ts"
import type { Claim, GapRow } from "../../src/report/gaps.ts"

const row = (size: string, params: number, estimate: number, claim: Claim): GapRow => ({
  name: "g", kind: "defined", minuend: "a", subtrahend: "b", family: "f", size, params, evalSet: "Avg", n: 10,
  estimate, low: estimate - 1, high: estimate + 1, ciMethod: "exact", ciOver: "items", seeds: 3, plus: 0, minus: 0,
  pItems: 0.01, pSeeds: 0.01, p: 0.01, pHolm: claim === "not significant" ? 0.5 : 0.01, claim, significant: claim === "significant"
})
const S = "significant" as const
const N = "not significant" as const
const I = "item-level only" as const
const at = (rows: ReadonlyArray<[number, Claim]>) => crossovers(rows.map(([e, c], i) => row(`s${i}`, 10 ** i, e, c)).reverse())[0]!

describe("crossovers", () => {
  it("names the change only between significant gaps of opposite sign", () => {
    expect(at([[-3, S], [-1, N], [2, N], [4, S]])).toMatchObject({ status: "established", below: "s0", size: "s3", estimateSize: "s2" })
    expect(at([[-3, S], [2, S], [4, S]])).toMatchObject({ status: "established", below: "s0", size: "s1" })
  })

  it("does not report a crossover from a non-significant gap", () => {
    expect(at([[-3, S], [-1, N], [2, N]])).toMatchObject({ status: "not established", size: null, below: null, estimateSize: "s2" })
    expect(at([[-2, N], [0.5, N]])).toMatchObject({ status: "not established", size: null })
    expect(at([[-3, S], [-2, S], [-1, N]])).toMatchObject({ status: "none", size: null, estimateSize: null })
  })

  it("refuses a sign that flips back among significant gaps, and marks one-seed crossovers", () => {
    expect(at([[-3, S], [2, S], [-4, S]]).status).toBe("not established")
    expect(at([[-3, S], [2, S], [-4, S], [5, N]]).status).toBe("not established")
    expect(at([[-3, I], [2, N], [4, I]])).toMatchObject({ status: "item-level only", below: "s0", size: "s2" })
    expect(at([[-3, S], [4, I]])).toMatchObject({ status: "item-level only" })
  })
})
