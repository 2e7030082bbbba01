// Machine-readable results: the results.json document and a CSV with one row per accuracy cell.
import type { ConstantBaseline } from "./baseline.ts"
import type { Cell } from "./cells.ts"
import type { ExpectedCheck } from "./expected.ts"
import type { Crossover, GapRow } from "./gaps.ts"
import { OUTCOMES } from "./taxonomy.ts"
import type { ReportInput } from "./types.ts"

/** Everything the report computed, as written to results.json. Accuracies and gaps are in percent / points. */
export interface ReportResults {
  readonly experiment: string
  readonly runId: string
  readonly seeds: ReadonlyArray<number>
  readonly bootstrap: { readonly resamples: number; readonly seed: number; readonly level: 0.95; readonly method: "percentile" }
  readonly cells: ReadonlyArray<Cell>
  /** Per eval set, the accuracy of always giving its most common reference answer. */
  readonly baselines: ReadonlyArray<ConstantBaseline>
  readonly gaps: ReadonlyArray<GapRow>
  readonly crossovers: ReadonlyArray<Crossover>
  readonly expected: ReadonlyArray<ExpectedCheck>
  readonly mixes: ReportInput["mixes"]
  readonly judging: ReportInput["judging"]
  readonly nodes: ReportInput["nodes"]
  readonly totals: { readonly seconds: number; readonly costUsd: number; readonly calls: number; readonly tokens: number }
}

/** Totals over nodes. */
export const nodeTotals = (nodes: ReportInput["nodes"]): ReportResults["totals"] =>
  nodes.reduce((a, n) => ({ seconds: a.seconds + n.seconds, costUsd: a.costUsd + n.costUsd, calls: a.calls + n.calls, tokens: a.tokens + n.tokens }), { seconds: 0, costUsd: 0, calls: 0, tokens: 0 })

/** results.json text (NaN becomes null). */
export const resultsJson = (r: ReportResults): string =>
  JSON.stringify(r, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2) + "\n"

const csvField = (v: string | number | null | undefined): string => {
  if (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v))) return ""
  const s = String(v)
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** The CSV columns, in order. */
export const CSV_COLUMNS: ReadonlyArray<string> = [
  "family", "size", "params", "mix", "eval_set", "n", "records", "seeds", "accuracy", "ci_low", "ci_high", "ci_over",
  "seed_ci_low", "seed_ci_high", "mean_tokens", ...OUTCOMES.map((o) => `n_${o.replace("-", "_")}`),
  "rules_accuracy", "llm_accuracy", "judge_disagreement"
]

/** results.csv text: a header and one row per cell (the CI columns are over samples; seed_ci_* over seed means). */
export const resultsCsv = (cells: ReadonlyArray<Cell>): string =>
  [
    CSV_COLUMNS.join(","),
    ...cells.map((c) => [
      c.family, c.size, c.params, c.mix, c.evalSet, c.n, c.records, c.seeds, c.accuracy, c.ci.low, c.ci.high, "samples",
      c.seedCi?.low, c.seedCi?.high, c.meanTokens, ...OUTCOMES.map((o) => c.taxonomy[o]),
      c.judge?.rulesAccuracy, c.judge?.llmAccuracy, c.judge?.disagreement
    ].map(csvField).join(","))
  ].join("\n") + "\n"
