// Tests for the markdown report text: significance wording, n per cell, tables for costs, mixes and expected cells.
import { describe, expect, it } from "vitest"
import { gapStatements, renderDocument } from "../../src/report/document.ts"
import { computeReport } from "../../src/report/build.ts"
import type { GapRow } from "../../src/report/gaps.ts"
import { duration, mdTable, usd } from "../../src/report/markdown.ts"
import { syntheticInput } from "./fixtures.ts"

const gap = (estimate: number, low: number, high: number): GapRow => ({
  name: "long - short", kind: "defined", minuend: "long", subtrahend: "short", family: "tiny", size: "m", params: 1,
  evalSet: "Avg", n: 300, estimate, low, high, significant: low > 0 || high < 0
})

describe("report wording", () => {
  it("says a gap whose CI includes 0 is not significant, and never calls it significant", () => {
    const text = gapStatements([gap(1.5, -0.5, 3.5)], ["a", "b"])
    expect(text).toContain("+1.5 points (95% CI [-0.5, 3.5], 300 paired samples, Avg)")
    expect(text).toContain("not significant at 95%")
    expect(gapStatements([gap(2, 0.5, 3.5)], ["a", "b"])).toContain("the difference is significant at 95%")
  })

  it("renders every section with n per cell, crossover, pass/fail marks and totals", () => {
    const input = syntheticInput()
    const data = computeReport(input)
    const md = renderDocument({ input, table: data.table, baselines: data.results.baselines, gaps: data.gaps, crossovers: data.crossovers, expected: data.expected, resamples: 1000, charts: { gap: "g.png", accuracy: "a.png" } })
    for (const heading of ["## Expected numbers", "## Accuracy", "## Gap rows", "## Each mix vs the best single source", "## Chain judge", "## Trace length and failure taxonomy", "## Training mixes", "## Teacher judging", "## Cost and time per step"]) {
      expect(md).toContain(heading)
    }
    expect(md).toContain("| tiny m | long | 50.0 (n=100) | 50.0 (n=200) | 50.0 (n=300) |")
    expect(md).toContain("| long - short | tiny xs | -10.0* | -10.0* | -10.0* |")
    expect(md).toContain("- long - short (tiny, Avg): crossover at m")
    expect(md).toContain("1 of 3 expected cells pass.")
    expect(md).toContain("✅ PASS")
    expect(md).toContain("❌ FAIL")
    expect(md).toContain("❌ MISSING")
    expect(md).toContain("| **Total** |  | 1h 03m | $1.25 | 200 | 80000 |")
    expect(md).toContain("![Gap vs student size](g.png)")
    expect(md).toContain("Constant-answer baseline (always giving the eval set's most common reference answer): ")
  })

  it("formats tables, durations and costs", () => {
    expect(mdTable(["x", "y"], [["a|b", "1"]], ["l", "r"])).toBe("| x | y |\n| --- | ---: |\n| a\\|b | 1 |")
    expect([duration(42), duration(185), duration(7620)]).toEqual(["42s", "3m 05s", "2h 07m"])
    expect([usd(1.5), usd(0.0012)]).toEqual(["$1.50", "$0.0012"])
  })
})
