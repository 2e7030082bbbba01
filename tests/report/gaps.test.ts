// Tests for gap rows (paired, exact or seeds x items), Holm-corrected claims, best-single-source gaps and spec expansion.
import { describe, expect, it } from "vitest"
import { buildCells } from "../../src/report/cells.ts"
import { adjustGaps, bestSingleGapRows, definedGapRows, expandGapSpecs } from "../../src/report/gaps.ts"
import { cellRecords, syntheticInput } from "./fixtures.ts"

const options = { resamples: 1000, seed: 4 }
const spec = [{ name: "long - short", minuend: "long", subtrahend: "short" }]

describe("defined gaps", () => {
  const oneSeed = adjustGaps(definedGapRows(buildCells(syntheticInput().evals, options), spec, options))
  const threeSeeds = adjustGaps(definedGapRows(buildCells(syntheticInput({}, [1, 2, 3]).evals, options), spec, options))

  it("gives the constructed gap per size and eval set, with Avg", () => {
    for (const rows of [oneSeed, threeSeeds]) {
      const avg = rows.filter((r) => r.evalSet === "Avg")
      expect(avg.map((r) => [r.size, r.estimate])).toEqual([["xs", -10], ["s", -5], ["m", 5], ["l", 10]].map(([s, e]) => [s, expect.closeTo(e as number, 10)]))
      expect(avg.every((r) => r.n === 300 && r.low < r.estimate && r.high > r.estimate)).toBe(true)
      expect(rows.filter((r) => r.evalSet === "harder")).toHaveLength(4)
    }
  })

  it("one seed: exact McNemar per eval set, and no claim beyond item level", () => {
    const m = oneSeed.find((r) => r.size === "m" && r.evalSet === "harder")!
    expect(m).toMatchObject({ plus: 5, minus: 0, seeds: 1, ciMethod: "exact", pSeeds: null, claim: "not significant" })
    expect(m.pItems).toBeCloseTo(0.0625, 12)
    expect(oneSeed.some((r) => r.significant)).toBe(false)
    expect(oneSeed.find((r) => r.size === "l" && r.evalSet === "in-dist")!.claim).toBe("item-level only")
  })

  it("three seeds: seeds x items tests, Holm over the rows, 5-0 still not significant", () => {
    expect(threeSeeds.every((r) => r.seeds === 3 && r.ciMethod === "seeds x items" && r.pSeeds !== null)).toBe(true)
    const claim = (size: string, set: string) => threeSeeds.find((r) => r.size === size && r.evalSet === set)!.claim
    expect([claim("xs", "Avg"), claim("l", "in-dist"), claim("m", "in-dist")]).toEqual(["significant", "significant", "significant"])
    expect(claim("m", "harder")).toBe("not significant")
    const holm = threeSeeds.map((r) => r.pHolm)
    expect(threeSeeds.every((r, i) => (holm[i] as number) >= r.p)).toBe(true)
  })

  it("pairs samples: equal accuracies on different samples give a gap of 0 that is not significant", () => {
    const st = { family: "tiny", size: "s", params: 1 }
    const a = cellRecords(st, "long", "e", 100, 50)
    const b = cellRecords(st, "short", "e", 100, 50).map((r) => ({ ...r, sampleId: `e-${(Number(r.sampleId.slice(2)) + 50) % 100}` }))
    const [row] = adjustGaps(definedGapRows(buildCells([...a, ...b], options), spec, options))
    expect(row).toMatchObject({ estimate: 0, n: 100, plus: 50, minus: 50, claim: "not significant", significant: false })
    expect(row!.low).toBeLessThan(-10)
    expect(row!.high).toBeGreaterThan(10)
  })

  it("expands gap specs per training method", () => {
    expect(expandGapSpecs(spec, ["base", "long/lora", "long/sft", "short/sft"])).toEqual([{ name: "long - short/sft", minuend: "long/sft", subtrahend: "short/sft" }])
    expect(expandGapSpecs(spec, ["long", "short"])).toEqual(spec)
  })
})

describe("adjustGaps", () => {
  it("applies Holm across every row given: 18 rows at p = 0.01 lose their claims", () => {
    const [first] = definedGapRows(buildCells(syntheticInput({}, [1, 2]).evals, options), spec, options)
    const rows = adjustGaps(Array.from({ length: 18 }, () => ({ ...first!, p: 0.01 })))
    expect(rows.every((r) => Math.abs(r.pHolm - 0.18) < 1e-12 && r.claim === "not significant")).toBe(true)
    expect(adjustGaps([{ ...first!, p: 0.01 }])[0]!.claim).toBe("significant")
    expect(adjustGaps([{ ...first!, p: 0.01, seeds: 1 }])[0]!.claim).toBe("item-level only")
  })
})

describe("best single source", () => {
  it("compares each mixed mix with the best single source at each size", () => {
    const table = buildCells(syntheticInput().evals, options)
    const rows = bestSingleGapRows(table, ["long", "short"], options).filter((r) => r.evalSet === "Avg")
    expect(rows.map((r) => [r.size, r.subtrahend, r.estimate])).toEqual([
      ["xs", "short", expect.closeTo(2, 10)], ["s", "short", expect.closeTo(3, 10)], ["m", "long", expect.closeTo(2, 10)], ["l", "long", expect.closeTo(1, 10)]
    ])
    expect(rows.every((r) => r.minuend === "mix-long" && r.kind === "best-single")).toBe(true)
  })
})
