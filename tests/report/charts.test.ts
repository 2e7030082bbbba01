// Tests for chart rendering: vega-lite -> SVG offline with readable text, SVG -> PNG through resvg.
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { accuracyChartSpec, gapChartSpec, renderSvg, svgToPng } from "../../src/report/charts.ts"
import { computeReport } from "../../src/report/build.ts"
import { syntheticInput } from "./fixtures.ts"

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

describe("charts", () => {
  const data = computeReport(syntheticInput())

  it("renders the gap chart with labels, error bars and PNG output", async () => {
    const rows = data.gaps.filter((g) => g.kind === "defined" && g.evalSet === "Avg")
    const svg = await Effect.runPromise(renderSvg(gapChartSpec(rows)))
    expect(svg.startsWith("<svg")).toBe(true)
    for (const label of ["Gap vs student size", "Student size", "xs", "long - short"]) expect(svg).toContain(label)
    const png = await Effect.runPromise(svgToPng(svg))
    expect([...png.subarray(0, 8)]).toEqual(PNG_MAGIC)
    expect(png.length).toBeGreaterThan(10_000)
  })

  it("facets by family when several families are present", async () => {
    const cells = data.table.cells.filter((c) => c.evalSet === "Avg")
    const two = [...cells, ...cells.map((c) => ({ ...c, family: "other" }))]
    const spec = accuracyChartSpec(two, "mean over eval sets")
    expect(spec["facet"]).toBeDefined()
    const svg = await Effect.runPromise(renderSvg(spec))
    expect(svg).toContain("other")
    expect(svg).toContain("mix-long")
  })

  it("fails with a tagged error on an invalid spec", async () => {
    const error = await Effect.runPromise(Effect.flip(renderSvg({ mark: "no-such-mark", data: { values: [] } })))
    expect(error).toMatchObject({ _tag: "ReportError", reason: "chart-failed" })
  })
})
