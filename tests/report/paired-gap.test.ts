// Tests for paired gaps: exact values for few discordant items, and simulated false-positive rates of null gaps over seeds.
import { describe, expect, it } from "vitest"
import { adjustGaps, type RawGapRow } from "../../src/report/gaps.ts"
import type { SeedAnswers } from "../../src/report/intervals.ts"
import { type GapSides, pairedGap } from "../../src/report/paired-gap.ts"
import { fixedAnswers, itemProbabilities, rngFor, simulateMix } from "./simulate.ts"

const options = { resamples: 200, seed: 1, label: "t" }
const sides = (a: SeedAnswers, b: SeedAnswers, bIsBase = false): GapSides => ({ minuend: [a], subtrahend: [b], minuendIsBase: false, subtrahendIsBase: bIsBase })
const row = (g: NonNullable<ReturnType<typeof pairedGap>>): RawGapRow => ({
  ...g, name: "a - b", kind: "defined", minuend: "a", subtrahend: "b", family: "f", size: "s", params: 1, evalSet: "e"
})

describe("pairedGap with one seed", () => {
  it.each([[4, 0.125], [5, 0.0625]])("%i-0 discordant items: exact McNemar p = %f, not significant", (k, p) => {
    const g = pairedGap(sides(fixedAnswers(150, (i) => i < 40 + k), fixedAnswers(150, (i) => i < 40)), options)!
    expect(g).toMatchObject({ n: 150, plus: k, minus: 0, seeds: 1, ciMethod: "exact", ciOver: "items", pSeeds: null })
    expect(g.pItems).toBeCloseTo(p, 12)
    expect(g.low).toBeLessThan(0)
    expect(adjustGaps([row(g)])[0]).toMatchObject({ claim: "not significant", significant: false })
  })

  it("calls a large one-seed gap item-level only, never significant", () => {
    const g = pairedGap(sides(fixedAnswers(150, (i) => i < 60), fixedAnswers(150, (i) => i < 30)), options)!
    expect(g.pItems).toBeLessThan(1e-6)
    expect(adjustGaps([row(g)])[0]).toMatchObject({ claim: "item-level only", significant: false })
  })

  it("no discordant item still gives a non-degenerate interval (about ±2.4 points on 150)", () => {
    const g = pairedGap(sides(fixedAnswers(150, (i) => i < 9), fixedAnswers(150, (i) => i < 9)), options)!
    expect(g.low).toBeCloseTo(-0.0243, 4)
    expect(g.high).toBeCloseTo(0.0243, 4)
    expect(g.p).toBe(1)
  })
})

describe("pairedGap with several seeds", () => {
  it("pairs every trained seed with the base model's single evaluation", () => {
    const rng = rngFor(5)
    const q = itemProbabilities(rng, 100)
    const g = pairedGap(sides(simulateMix(rng, q, 3, 0.02, 0.2), simulateMix(rng, q, 1, 0)), options)!
    expect(g.seeds).toBe(1)
    const base = pairedGap(sides(simulateMix(rng, q, 3, 0.02, 0.2), simulateMix(rng, q, 1, 0), true), options)!
    expect(base).toMatchObject({ seeds: 3, ciMethod: "seeds x items", ciOver: "seeds and items" })
    expect(base.pSeeds).not.toBeNull()
  })

  it("floors the interval when no item differs", () => {
    const same = new Map([1, 2, 3].map((s) => [s, new Map(Array.from({ length: 150 }, (_, i) => [`i${i}`, i < 20 ? 1 : 0] as const))] as const))
    const g = pairedGap(sides(same, same), options)!
    expect(g).toMatchObject({ seeds: 3, estimate: 0, p: 1 })
    expect(g.high).toBeCloseTo(0.0243, 4)
  })

  it("requires item-level evidence too: 5 items always won, in every seed, are not significant", () => {
    const win = new Map([1, 2, 3].map((s) => [s, new Map(Array.from({ length: 150 }, (_, i) => [`i${i}`, i < 25 ? 1 : 0] as const))] as const))
    const lose = new Map([1, 2, 3].map((s) => [s, new Map(Array.from({ length: 150 }, (_, i) => [`i${i}`, i < 20 ? 1 : 0] as const))] as const))
    const g = pairedGap(sides(win, lose), options)!
    expect(g.pSeeds).toBeLessThan(0.05)
    expect(g.pItems).toBeCloseTo(0.0625, 12)
    expect(g.p).toBeCloseTo(0.0625, 12)
  })
})

describe("gaps with a seed-to-seed spread of 2 points (simulated)", () => {
  // two mixes of equal true accuracy on 300 shared items; each training seed shifts a mix's accuracy by N(0, 2 points)
  const rates = (seeds: number, reps: number, seed: number, shift = 0) => {
    const rng = rngFor(seed)
    let itemLevel = 0
    let claimed = 0
    for (let r = 0; r < reps; r++) {
      const q = itemProbabilities(rng, 300)
      const g = pairedGap(sides(simulateMix(rng, q, seeds, 0.02, shift), simulateMix(rng, q, seeds, 0.02)), { ...options, label: `r${r}` })!
      if (g.pItems <= 0.05) itemLevel++
      if (adjustGaps([row(g)])[0]!.significant) claimed++
    }
    return { itemLevel: itemLevel / reps, claimed: claimed / reps }
  }

  it("one seed: an item-level test alone over-reads, so no one-seed gap is called significant", () => {
    const r = rates(1, 300, 11)
    expect(r.itemLevel).toBeGreaterThan(0.08)
    expect(r.claimed).toBe(0)
  })

  it.each([2, 3, 5])("%i seeds: at most about 5 percent of null gaps are called significant", (seeds) => {
    expect(rates(seeds, 300, 20 + seeds).claimed).toBeLessThanOrEqual(0.06)
  })

  it("5 seeds: a true gap of 10 points is found", () => {
    expect(rates(5, 100, 40, 0.1).claimed).toBeGreaterThan(0.8)
  })

  it.each([3, 5])("%i seeds: the gap's interval covers a true 5-point gap close to 95 percent of the time", (seeds) => {
    const rng = rngFor(50 + seeds)
    let hit = 0
    for (let r = 0; r < 300; r++) {
      const q = itemProbabilities(rng, 300, 0.1, 0.8)
      const g = pairedGap(sides(simulateMix(rng, q, seeds, 0.02, 0.05), simulateMix(rng, q, seeds, 0.02)), { ...options, label: `c${r}` })!
      if (g.low <= 0.05 && 0.05 <= g.high) hit++
    }
    expect(hit / 300).toBeGreaterThanOrEqual(0.92)
    expect(hit / 300).toBeLessThanOrEqual(0.99)
  })
})
