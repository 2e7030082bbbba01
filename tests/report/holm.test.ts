// Tests for the Holm-Bonferroni step-down adjustment.
import { describe, expect, it } from "vitest"
import { holmAdjust } from "../../src/report/holm.ts"

describe("holmAdjust", () => {
  it("multiplies the i-th smallest p by (m - i) and keeps the order monotone", () => {
    const adj = holmAdjust([0.01, 0.04, 0.03, 0.005])
    expect(adj.map((p) => Number(p.toFixed(10)))).toEqual([0.03, 0.06, 0.06, 0.02])
  })

  it("caps at 1, treats NaN as 1, and leaves one p unchanged", () => {
    expect(holmAdjust([0.6, 0.2])).toEqual([0.6, 0.4])
    expect(holmAdjust([Number.NaN, 0.01])).toEqual([1, 0.02])
    expect(holmAdjust([0.03])).toEqual([0.03])
    expect(holmAdjust([])).toEqual([])
  })

  it("is stricter than unadjusted: 18 rows at p = 0.01 do not all survive", () => {
    const adj = holmAdjust(Array.from({ length: 18 }, () => 0.01))
    expect(adj.every((p) => p > 0.05)).toBe(true)
  })
})
