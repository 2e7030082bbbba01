// Tests for gap rows (paired bootstrap), best-single-source gaps and crossover detection.
import { describe, expect, it } from "vitest"
import { buildCells } from "../../src/report/cells.ts"
import { type GapRow, bestSingleGapRows, crossovers, definedGapRows, expandGapSpecs } from "../../src/report/gaps.ts"
import { cellRecords, syntheticInput } from "./fixtures.ts"

const options = { resamples: 1000, seed: 4 }
const spec = [{ name: "long - short", minuend: "long", subtrahend: "short" }]

describe("defined gaps", () => {
  const table = buildCells(syntheticInput().evals, options)
  const rows = definedGapRows(table, spec, options)

  it("gives the constructed gap per size and eval set, with Avg", () => {
    const avg = rows.filter((r) => r.evalSet === "Avg")
    expect(avg.map((r) => [r.size, r.estimate])).toEqual([["xs", -10], ["s", -5], ["m", 5], ["l", 10]].map(([s, e]) => [s, expect.closeTo(e as number, 10)]))
    expect(avg.every((r) => r.n === 300 && r.low < r.estimate && r.high > r.estimate && r.significant)).toBe(true)
    expect(rows.filter((r) => r.evalSet === "harder")).toHaveLength(4)
  })

  it("finds the crossover at m for every eval set", () => {
    expect(crossovers(rows).map((x) => [x.evalSet, x.size, x.significant])).toEqual([["harder", "m", true], ["in-dist", "m", true], ["Avg", "m", true]])
  })

  it("pairs samples: equal accuracies on different samples give a gap of 0 that is not significant", () => {
    const st = { family: "tiny", size: "s", params: 1 }
    const a = cellRecords(st, "long", "e", 100, 50)
    const b = cellRecords(st, "short", "e", 100, 50).map((r) => ({ ...r, sampleId: `e-${(Number(r.sampleId.slice(2)) + 50) % 100}` }))
    const t = buildCells([...a, ...b], options)
    const [row] = definedGapRows(t, spec, options)
    expect(row).toMatchObject({ estimate: 0, n: 100, significant: false })
    expect(row!.low).toBeLessThan(-10)
    expect(row!.high).toBeGreaterThan(10)
  })

  it("expands gap specs per training method", () => {
    expect(expandGapSpecs(spec, ["base", "long/lora", "long/sft", "short/sft"])).toEqual([{ name: "long - short/sft", minuend: "long/sft", subtrahend: "short/sft" }])
    expect(expandGapSpecs(spec, ["long", "short"])).toEqual(spec)
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

describe("crossovers", () => {
  const row = (size: string, params: number, estimate: number): GapRow => ({
    name: "g", kind: "defined", minuend: "a", subtrahend: "b", family: "f", size, params, evalSet: "Avg", n: 10,
    estimate, low: estimate - 1, high: estimate + 1, significant: Math.abs(estimate) > 1
  })
  const at = (estimates: ReadonlyArray<number>) =>
    crossovers(estimates.map((e, i) => row(`s${i}`, 10 ** i, e)).reverse())[0]

  it("needs the new sign to hold up to the largest size", () => {
    expect(at([-3, -1, 2, 4])?.size).toBe("s2")
    expect(at([-3, 2, -1, 4])?.size).toBe("s3")
    expect(at([-3, 2, 4, -1])?.size).toBeNull()
    expect(at([-3, -2, -1])?.size).toBeNull()
    expect(at([2, 1, -3])).toMatchObject({ size: "s2", significant: true })
    expect(at([-2, 0.5])).toMatchObject({ size: "s1", significant: false })
  })
})
