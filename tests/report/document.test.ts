// Tests for the markdown report text: claims and their correction, seed scope wording, one table per question, sections.
import { describe, expect, it } from "vitest"
import { computeReport } from "../../src/report/build.ts"
import { type DocumentParts, SECTIONS, renderDocument } from "../../src/report/document.ts"
import { claimSummary, gapTable, pValue } from "../../src/report/gap-tables.ts"
import type { Claim, GapRow } from "../../src/report/gaps.ts"
import { duration, mdTable, usd } from "../../src/report/markdown.ts"
import { syntheticInput } from "./fixtures.ts"

const gap = (estimate: number, claim: Claim, p: number, pHolm: number, seeds = 3): GapRow => ({
  name: "long - short", kind: "defined", minuend: "long", subtrahend: "short", family: "tiny", size: "m", params: 1,
  evalSet: "Avg", n: 300, estimate, low: estimate - 2, high: estimate + 2, ciMethod: "seeds x items", ciOver: "seeds and items",
  seeds, plus: 10, minus: 2, pItems: p, pSeeds: p, p, pHolm, claim, significant: claim === "significant"
})

const parts = (seeds: ReadonlyArray<number>): DocumentParts => {
  const input = syntheticInput({}, seeds)
  const d = computeReport(input)
  return { input, table: d.table, baselines: d.results.baselines, gaps: d.gaps, crossovers: d.crossovers, expected: d.expected, charts: { gap: "g.png", accuracy: "a.png" } }
}

describe("report wording", () => {
  it("shows p, the Holm-adjusted p and the claim per gap row", () => {
    const t = gapTable([gap(1.5, "not significant", 0.02, 0.3), gap(6, "significant", 0.0001, 0.002)])
    expect(t).toContain("| long - short | tiny m | Avg | 300 | 3 | +1.5 | [-0.5, 3.5] | 0.02 | 0.3 | not significant |")
    expect(t).toContain("| +6.0 | [4.0, 8.0] | 0.0001 | 0.002 | significant |")
    expect([pValue(0.0625), pValue(0.125), pValue(0.00001), pValue(null)]).toEqual(["0.0625", "0.125", "<0.0001", "-"])
  })

  it("says which claims survive the correction, and which rest on one seed", () => {
    const s = claimSummary([gap(6, "significant", 0.0001, 0.002), gap(4, "item-level only", 0.001, 0.01, 1), gap(1, "not significant", 0.2, 1)], 18)
    expect(s).toContain("Of these 3 rows (Holm-Bonferroni over all 18 gap rows of this report, family-wise 5%), 1 is significant: long - short at tiny m on Avg (+6.0).")
    expect(s).toContain("1 survives on one training seed only (item-level only")
    expect(claimSummary([gap(1, "not significant", 0.2, 1)], 1)).toContain("0 are significant.")
  })

  it("with one seed, says the intervals cover item noise only and no gap is significant", () => {
    const md = renderDocument(parts([1]))
    expect(md).toContain("One training seed: every interval and test covers evaluation-item noise only.")
    expect(md).toContain("across all 24 gap rows")
    expect(md).not.toMatch(/\| significant \|/)
    expect(md).toContain("| item-level only |")
    expect(md).toContain("between s and m (one seed: item-level only)")
  })

  it("with several seeds, claims significance and names an established crossover", () => {
    const md = renderDocument(parts([1, 2, 3]))
    expect(md).toContain("With several training seeds, intervals and tests cover seed-to-seed and item noise")
    expect(md).toMatch(/\| long - short \| tiny l \| in-dist \| 200 \| 3 \| \+10\.0 \| \[[0-9.]+, [0-9.]+\] \| <0\.0001 \| 0\.000\d+ \| significant \|/)
    expect(md).toContain("| long - short | tiny | Avg | between s and m |")
    expect(md).toContain("| long - short | tiny | harder | between xs and l |")
  })

  it("renders every section with one table per question, n per cell, pass/fail marks and totals", () => {
    const md = renderDocument(parts([1]))
    for (const heading of ["## Expected numbers", "## Accuracy", "## Gap rows", "## Each mix vs the best single source", "## Chain judge", "## Trace length and failure taxonomy", "## Training mixes", "## Teacher judging", "## Cost and time per step"]) {
      expect(md).toContain(heading)
    }
    const accuracy = md.slice(md.indexOf("## Accuracy"), md.indexOf("## Gap rows"))
    expect(accuracy.match(/^\| --- /gm)).toHaveLength(1)
    expect(md).toMatch(/\| tiny m \| long \| 50\.0 \[39\.8, 60\.2\] \(n=100\) \| 50\.0 \[42\.9, 57\.1\] \(n=200\) \| 50\.0 \[[0-9.]+, [0-9.]+\] \(n=300\) \|/)
    expect(md).toContain("1 of 3 expected cells pass.")
    expect(md).toContain("✅ PASS")
    expect(md).toContain("❌ MISSING")
    expect(md).toContain("| **Total** |  | 1h 03m | $1.25 | 200 | 80000 |")
    expect(md).toContain("![Gap vs student size](g.png)")
    expect(md).toContain("Constant-answer baseline (always giving the eval set's most common reference answer): ")
  })

  it("takes extra sections without touching the others", () => {
    const md = renderDocument(parts([1]), [...SECTIONS, () => ({ title: "Leakage", body: [mdTable(["Set", "Overlap"], [["in-dist", "0"]])] }), () => null])
    expect(md.trimEnd().endsWith("## Leakage\n\n| Set | Overlap |\n| --- | --- |\n| in-dist | 0 |")).toBe(true)
  })

  it("formats tables, durations and costs", () => {
    expect(mdTable(["x", "y"], [["a|b", "1"]], ["l", "r"])).toBe("| x | y |\n| --- | ---: |\n| a\\|b | 1 |")
    expect([duration(42), duration(185), duration(7620)]).toEqual(["42s", "3m 05s", "2h 07m"])
    expect([usd(1.5), usd(0.0012)]).toEqual(["$1.50", "$0.0012"])
  })
})
