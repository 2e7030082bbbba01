// Tests for percentile bootstrap intervals: quantiles, known widths, determinism and stratified means of means.
import { describe, expect, it } from "vitest"
import { bootstrapMean, bootstrapMeanOfMeans, quantile, scaleInterval } from "../../src/report/bootstrap.ts"

const binary = (n: number, ones: number) => Float64Array.from({ length: n }, (_, i) => (i < ones ? 1 : 0))

describe("bootstrap", () => {
  it("interpolates quantiles of sorted values", () => {
    expect(quantile([0, 10, 20, 30, 40], 0.5)).toBe(20)
    expect(quantile([0, 10], 0.25)).toBe(2.5)
    expect(quantile([], 0.5)).toBeNaN()
  })

  it("gives a zero-width interval for constant values", () => {
    expect(bootstrapMean([0.3, 0.3, 0.3], { resamples: 500, seed: 1 })).toEqual({ estimate: expect.closeTo(0.3, 12), low: expect.closeTo(0.3, 12), high: expect.closeTo(0.3, 12) })
  })

  it("matches the normal-theory width for a proportion (p = 0.5, n = 400: about ±4.9 points)", () => {
    const i = bootstrapMean(binary(400, 200), { resamples: 4000, seed: 11 })
    expect(i.estimate).toBe(0.5)
    expect(i.low).toBeGreaterThan(0.44)
    expect(i.low).toBeLessThan(0.46)
    expect(i.high).toBeGreaterThan(0.54)
    expect(i.high).toBeLessThan(0.56)
  })

  it("is deterministic from its seed", () => {
    const a = bootstrapMean(binary(50, 17), { resamples: 1000, seed: 5 })
    expect(bootstrapMean(binary(50, 17), { resamples: 1000, seed: 5 })).toEqual(a)
    expect(bootstrapMean(binary(50, 17), { resamples: 1000, seed: 6 })).not.toEqual(a)
  })

  it("averages group means (not the pooled mean) and ignores empty groups", () => {
    const i = bootstrapMeanOfMeans([binary(100, 50), binary(300, 60), []], { resamples: 1000, seed: 2 })
    expect(i.estimate).toBeCloseTo((0.5 + 0.2) / 2, 12)
    expect(i.low).toBeLessThan(i.estimate)
    expect(i.high).toBeGreaterThan(i.estimate)
    expect(bootstrapMeanOfMeans([[]], { resamples: 10, seed: 2 }).estimate).toBeNaN()
  })

  it("scales intervals", () => {
    expect(scaleInterval({ estimate: 0.1, low: -0.02, high: 0.2 }, 100)).toEqual({ estimate: 10, low: -2, high: 20 })
  })
})
