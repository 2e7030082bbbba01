// Tests for accuracy intervals: which method each case gets, and the exact floor where approximations degenerate.
import { describe, expect, it } from "vitest"
import { clopperPearson } from "../../src/report/distributions.ts"
import { accuracyInterval } from "../../src/report/intervals.ts"
import { fixedAnswers } from "./simulate.ts"

const options = { resamples: 1000, seed: 2, label: "cell" }
const scores = (n: number, k: number) => Float64Array.from({ length: n }, (_, i) => (i < k ? 1 : 0))

describe("accuracyInterval", () => {
  it("one seed, one eval set: Clopper-Pearson over the items", () => {
    const i = accuracyInterval([fixedAnswers(150, () => false)], [scores(150, 0)], options)
    expect(i).toMatchObject({ low: 0, method: "exact", over: "items" })
    expect(i.high).toBeCloseTo(clopperPearson(0, 150).high, 12)
  })

  it("one seed, several eval sets: the stratified bootstrap, floored by the exact interval when few are correct", () => {
    const wide = accuracyInterval([fixedAnswers(100, (i) => i < 50), fixedAnswers(200, (i) => i < 60)], [scores(100, 50), scores(200, 60)], options)
    expect(wide).toMatchObject({ method: "bootstrap", over: "items" })
    expect(wide.low).toBeLessThan(0.4)
    expect(wide.high).toBeGreaterThan(0.4)
    const none = accuracyInterval([fixedAnswers(100, () => false), fixedAnswers(200, () => false)], [scores(100, 0), scores(200, 0)], options)
    expect(none.low).toBe(0)
    expect(none.high).toBeCloseTo(clopperPearson(0, 300).high, 12)
  })

  it("several seeds: seeds x items, with the seed spread", () => {
    const a = new Map([[1, fixedAnswers(100, (i) => i < 40).get(1)!], [2, fixedAnswers(100, (i) => i < 60).get(1)!]])
    const i = accuracyInterval([a], [Float64Array.from({ length: 100 }, (_, k) => (k < 40 ? 1 : k < 60 ? 0.5 : 0))], options)
    expect(i).toMatchObject({ method: "seeds x items", over: "seeds and items" })
    expect(i.seedSd).toBeCloseTo(Math.SQRT2 * 0.1, 12)
    expect(i.low).toBeLessThan(0.4)
    expect(i.high).toBeGreaterThan(0.6)
  })
})
