// Tests for the seeds x items interval: ANOVA values by hand, and simulated coverage over 2, 3, 5 and 10 seeds.
import { describe, expect, it } from "vitest"
import { commonSeeds, matrixOf } from "../../src/report/intervals.ts"
import { seedItemEstimate, seedItemInterval, seedItemP } from "../../src/report/seeds.ts"
import { itemProbabilities, rngFor, simulateMix } from "./simulate.ts"

const rows = (m: ReadonlyArray<ReadonlyArray<number>>) => m.map((r) => Float64Array.from(r))

describe("seedItemEstimate", () => {
  it("matches the two-way ANOVA moment estimator computed by hand", () => {
    // numpy: V_seed 0.0225694, V_item 0.0116567, V_res 0.0086806; se = sqrt(V_seed + V_item - V_res), df by Satterthwaite
    const e = seedItemEstimate([rows([[1, 0, 1, 1, 0, 1, 1, 1], [1, 1, 1, 0, 0, 1, 0, 1], [0, 0, 1, 1, 0, 0, 0, 0]])], { floorSeedLevel: true })
    expect(e.estimate).toBeCloseTo(0.5416666666666666, 12)
    expect(e.se).toBeCloseTo(0.15983001883449466, 12)
    expect(e.df).toBeCloseTo(2.334947335324635, 9)
    expect(e.seedSd).toBeCloseTo(0.2602082499332666, 12)
    expect([e.seeds, e.items]).toEqual([3, 8])
  })

  it("needs two seeds, and gives p = 1 for no difference at all", () => {
    expect(seedItemEstimate([rows([[1, 0, 1]])], { floorSeedLevel: true }).se).toBeNaN()
    const zero = seedItemEstimate([rows([[0, 0, 0], [0, 0, 0]])], { floorSeedLevel: false })
    expect(seedItemP(zero)).toBe(1)
    expect(seedItemInterval(zero, { min: -1, max: 1 })).toEqual({ low: 0, high: 0 })
  })

  it("builds matrices over the items every seed answered", () => {
    const a = new Map([[1, new Map([["x", 1], ["y", 0]])], [2, new Map([["x", 0]])], [3, new Map([["z", 1]])]])
    expect(commonSeeds([a, new Map([[2, new Map()], [1, new Map()]])])).toEqual([1, 2])
    expect(matrixOf(a, [1, 2])).toEqual({ rows: [Float64Array.from([1]), Float64Array.from([0])], items: ["x"] })
  })
})

describe("coverage with a seed-to-seed spread of 2 points (simulated)", () => {
  // 150 items of difficulty uniform in [0.1, 0.9] (true accuracy 50%), each seed shifts accuracy by N(0, 2 points)
  const coverage = (seeds: number, reps: number, seed: number) => {
    const rng = rngFor(seed)
    let hit = 0
    for (let r = 0; r < reps; r++) {
      const a = simulateMix(rng, itemProbabilities(rng, 150), seeds, 0.02)
      const i = seedItemInterval(seedItemEstimate([matrixOf(a, [...a.keys()]).rows], { floorSeedLevel: true }), { min: 0, max: 1 })
      if (i.low <= 0.5 && 0.5 <= i.high) hit++
    }
    return hit / reps
  }

  it.each([2, 3, 5, 10])("covers close to 95 percent with %i seeds", (seeds) => {
    const c = coverage(seeds, 400, 100 + seeds)
    expect(c).toBeGreaterThanOrEqual(0.93)
    expect(c).toBeLessThanOrEqual(0.98)
  })
})
