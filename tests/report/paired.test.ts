// Tests for paired comparisons: the exact McNemar interval agrees with the test; the sign-flip test is exact where it can be.
import { describe, expect, it } from "vitest"
import { exactMcNemar } from "../../src/report/distributions.ts"
import { pairedExactInterval, signFlipTest } from "../../src/report/paired.ts"

const opts = { resamples: 4000, seed: 9 }

describe("pairedExactInterval", () => {
  it("excludes 0 exactly when exact McNemar gives p <= 0.05", () => {
    let checked = 0
    for (let plus = 0; plus <= 14; plus++) for (let minus = 0; minus <= 14; minus++) {
      const i = pairedExactInterval(plus, minus, 150)
      expect(i.low > 0 || i.high < 0).toBe(exactMcNemar(plus, minus) <= 0.05)
      expect(i.low).toBeLessThanOrEqual((plus - minus) / 150)
      expect(i.high).toBeGreaterThanOrEqual((plus - minus) / 150)
      checked++
    }
    expect(checked).toBe(225)
  })

  it("keeps width with no discordant item: 0 of 150 gives about ±2.4 points", () => {
    const i = pairedExactInterval(0, 0, 150)
    expect(i.low).toBeCloseTo(-0.0242926, 6)
    expect(i.high).toBeCloseTo(0.0242926, 6)
  })

  it("does not exclude 0 for 4-0 or 5-0 discordant items", () => {
    for (const plus of [4, 5]) expect(pairedExactInterval(plus, 0, 150).low).toBeLessThan(0)
    expect(pairedExactInterval(6, 0, 150).low).toBeGreaterThan(0)
  })
})

describe("signFlipTest", () => {
  it("is exact McNemar when every difference has one magnitude", () => {
    expect(signFlipTest([1, 1, 1, 1, 0, 0], null, opts)).toBeCloseTo(0.125, 12)
    expect(signFlipTest([-1, -1, -1, -1, -1], null, opts)).toBeCloseTo(0.0625, 12)
    expect(signFlipTest([0.5, 0.5, 0.5], [0.01, 0.01, 0.01], opts)).toBeCloseTo(0.25, 12)
    expect(signFlipTest([0, 0], null, opts)).toBe(1)
  })

  const enumerate = (values: ReadonlyArray<number>) => {
    let hits = 0
    const observed = Math.abs(values.reduce((a, b) => a + b, 0))
    for (let mask = 0; mask < 1 << values.length; mask++) {
      const s = values.reduce((a, v, i) => a + ((mask >> i) & 1 ? v : -v), 0)
      if (Math.abs(s) >= observed - 1e-9) hits++
    }
    return hits / (1 << values.length)
  }

  it("is exact for magnitudes that are multiples of a unit (item means over seeds, related set sizes)", () => {
    const halves = [1, 0.5, 1, 1, 0.5, -0.5, 1, 0.5, 1, -1, 0.5, 1]
    const thirds = [1 / 3, 2 / 3, 1, -1 / 3, 1, 1, 2 / 3, 1 / 3, 1 / 3, 1, -2 / 3, 1]
    expect(signFlipTest(halves, null, { resamples: 10, seed: 3 })).toBeCloseTo(enumerate(halves), 12)
    expect(signFlipTest(thirds, null, { resamples: 10, seed: 3 })).toBeCloseTo(enumerate(thirds), 12)
    expect(signFlipTest([1, -1, 1, 1], [1 / 300, 1 / 400, 1 / 300, 1 / 400], { resamples: 10, seed: 3 })).toBeCloseTo(enumerate([4, -3, 4, 3]), 12)
  })

  it("falls back to Monte Carlo for incommensurate magnitudes, close to the full enumeration", () => {
    const values = [1, 1, Math.PI, 1, -1, Math.E, 1, 1, Math.SQRT2, 1]
    expect(signFlipTest(values, null, { resamples: 20000, seed: 3 })).toBeCloseTo(enumerate(values), 2)
  })
})
