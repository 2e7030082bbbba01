// The report's training-stage section: DPO pairs and margins, GRPO reward curves (table and chart).
import type { ChartSpec } from "./charts.ts"
import { CHART_FONT } from "./charts.ts"
import type { ReportInput } from "./types.ts"

export type { StageRun } from "./types.ts"

const num = (v: unknown, digits = 3): string => (typeof v === "number" ? v.toFixed(digits) : "-")

/** A markdown table of the DPO and GRPO stages; "" when the run has none. */
export const stageTable = (runs: ReportInput["stages"]): string => {
  const rows = (runs ?? []).filter((r) => r.method === "dpo" || r.method === "grpo")
  if (rows.length === 0) return ""
  const lines = ["| Student | Stage | Method | Pairs (problems without one) | Held-out margin before -> after | Reward first -> last fifth |", "| --- | --- | --- | --- | --- | --- |"]
  for (const r of rows) {
    const pairs = r.pairs === undefined ? "-" : `${r.pairs.pairs} (${r.pairs.problemsWithoutPair} of ${r.pairs.problems})`
    const margin = r.method === "dpo" ? `${num(r.metrics.held_out_margin_before)} -> ${num(r.metrics.held_out_margin_after)}` : "-"
    const reward = r.method === "grpo" ? `${num(r.metrics.reward_first)} -> ${num(r.metrics.reward_last)}` : "-"
    lines.push(`| ${r.label} | ${r.stage} | ${r.method} | ${pairs} | ${margin} | ${reward} |`)
  }
  return lines.join("\n")
}

/** Mean reward per step with a band of one standard deviation, one line per GRPO student; undefined without GRPO. */
export const rewardChartSpec = (runs: ReportInput["stages"]): ChartSpec | undefined => {
  const values = (runs ?? []).flatMap((r) => {
    const curve = r.metrics.reward_curve
    return Array.isArray(curve) ? (curve as Array<{ step: number; mean: number; std: number }>)
      .map((p) => ({ student: r.label, step: p.step, mean: p.mean, low: p.mean - p.std, high: p.mean + p.std })) : []
  })
  if (values.length === 0) return undefined
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json", title: "GRPO reward per step (mean, band: one standard deviation)",
    config: { font: CHART_FONT, background: "white" }, width: 420, height: 260, data: { values },
    layer: [
      { mark: { type: "area", opacity: 0.2 }, encoding: { x: { field: "step", type: "quantitative", title: "Step" }, y: { field: "low", type: "quantitative", title: "Reward" }, y2: { field: "high" }, color: { field: "student", type: "nominal" } } },
      { mark: "line", encoding: { x: { field: "step", type: "quantitative" }, y: { field: "mean", type: "quantitative" }, color: { field: "student", type: "nominal", title: "Student" } } }
    ]
  }
}
