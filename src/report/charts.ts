// Charts of the report: vega-lite specs compiled and rendered headless to SVG by vega, then to PNG by resvg.
import { Resvg } from "@resvg/resvg-js"
import * as Effect from "effect/Effect"
import * as vega from "vega"
import * as vegaLite from "vega-lite"
import type { Cell } from "./cells.ts"
import { ReportError } from "./errors.ts"
import type { GapRow } from "./gaps.ts"

/** A vega-lite specification (kept loose: specs are built from data below). */
export type ChartSpec = Record<string, unknown>

/** The font used in charts; DejaVu Sans ships with most Linux systems, resvg falls back to any sans-serif font. */
export const CHART_FONT = "DejaVu Sans"

const config = { font: CHART_FONT, background: "white", axis: { labelFontSize: 12, titleFontSize: 13 }, legend: { labelFontSize: 12, titleFontSize: 12 }, title: { fontSize: 15 } }

const facetOrLayer = (values: ReadonlyArray<Record<string, unknown>>, layer: ReadonlyArray<unknown>, title: string): ChartSpec => {
  const families = new Set(values.map((v) => v["family"]))
  const inner = { width: 420, height: 280, layer }
  return families.size > 1
    ? { $schema: "https://vega.github.io/schema/vega-lite/v6.json", title, config, data: { values }, facet: { column: { field: "family", title: null } }, spec: inner }
    : { $schema: "https://vega.github.io/schema/vega-lite/v6.json", title, config, data: { values }, ...inner }
}

const sizeAxis = { field: "size", type: "ordinal", title: "Student size", sort: { field: "params", op: "min" }, axis: { labelAngle: 0 } }

/** Gap (points) vs student size with 95% CI error bars and a zero line, one colour per gap (the paper's Figure 2). */
export const gapChartSpec = (rows: ReadonlyArray<GapRow>): ChartSpec => {
  const values = rows.map((r) => ({ gap: r.name, family: r.family, size: r.size, params: r.params, estimate: r.estimate, low: r.low, high: r.high, n: r.n }))
  const color = { field: "gap", type: "nominal", title: "Gap" }
  return facetOrLayer(values, [
    { mark: { type: "rule", color: "#555", strokeDash: [4, 4] }, encoding: { y: { datum: 0, type: "quantitative" } } },
    { mark: { type: "rule", strokeWidth: 2 }, encoding: { x: sizeAxis, y: { field: "low", type: "quantitative", title: "Gap (accuracy points)" }, y2: { field: "high" }, color } },
    { mark: { type: "line", point: { size: 60, filled: true } }, encoding: { x: sizeAxis, y: { field: "estimate", type: "quantitative" }, color } }
  ], "Gap vs student size (95% bootstrap CI)")
}

/** Accuracy (%) per mix as grouped bars per student size, with 95% CI error bars. */
export const accuracyChartSpec = (cells: ReadonlyArray<Cell>, evalLabel: string): ChartSpec => {
  const values = cells.map((c) => ({ mix: c.mix, family: c.family, size: c.size, params: c.params, accuracy: c.accuracy, low: c.ci.low, high: c.ci.high, n: c.n }))
  const color = { field: "mix", type: "nominal", title: "Mix" }
  const xOffset = { field: "mix", type: "nominal" }
  return facetOrLayer(values, [
    { mark: "bar", encoding: { x: sizeAxis, xOffset, y: { field: "accuracy", type: "quantitative", title: "Accuracy (%)" }, color } },
    { mark: { type: "rule", color: "black" }, encoding: { x: sizeAxis, xOffset, y: { field: "low", type: "quantitative" }, y2: { field: "high" } } }
  ], `Accuracy by mix (${evalLabel}, 95% bootstrap CI)`)
}

/** Compiles a vega-lite spec and renders it headless to SVG (no canvas, no network: data are inline). */
export const renderSvg = (spec: ChartSpec): Effect.Effect<string, ReportError> =>
  Effect.tryPromise({
    try: async () => {
      const compiled = vegaLite.compile(spec as unknown as vegaLite.TopLevelSpec).spec
      const view = new vega.View(vega.parse(compiled), { renderer: "none" })
      try {
        return await view.toSVG()
      } finally {
        view.finalize()
      }
    },
    catch: (e) => new ReportError({ reason: "chart-failed", message: `chart rendering failed: ${e instanceof Error ? e.message : String(e)}` })
  })

/** Rasterises an SVG to PNG at twice its size, with system fonts. */
export const svgToPng = (svg: string): Effect.Effect<Uint8Array, ReportError> =>
  Effect.try({
    try: () => new Resvg(svg, {
      fitTo: { mode: "zoom", value: 2 },
      font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT }
    }).render().asPng(),
    catch: (e) => new ReportError({ reason: "chart-failed", message: `PNG conversion failed: ${e instanceof Error ? e.message : String(e)}` })
  })
