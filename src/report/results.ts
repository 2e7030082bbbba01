// Machine-readable results: the results.json document and a CSV with one row per accuracy cell.
import type { ConstantBaseline } from "./baseline.ts"
import type { Cell } from "./cells.ts"
import type { ExpectedCheck } from "./expected.ts"
import type { Crossover } from "./crossover.ts"
import type { GapRow } from "./gaps.ts"
import { OUTCOMES } from "./taxonomy.ts"
import type { ReportInput } from "./types.ts"

/** Everything the report computed, as written to results.json. Accuracies and gaps are in percent / points. */
export interface ReportResults {
  readonly experiment: string
  readonly runId: string
  readonly seeds: ReadonlyArray<number>
  readonly statistics: StatisticsNote
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

/** How the report's numbers were computed, as stated in results.json. */
export interface StatisticsNote {
  readonly level: 0.95
  /** Family-wise level of the gap claims. */
  readonly alpha: number
  readonly correction: "holm-bonferroni"
  /** Gap rows in the correction's family (every gap row of the report). */
  readonly family: number
  /** Resamples of the bootstraps and permutation tests, and their seed. */
  readonly resamples: number
  readonly seed: number
  readonly intervals: Readonly<Record<string, string>>
  readonly tests: Readonly<Record<string, string>>
}

/** The statement of methods written to results.json. */
export const statisticsNote = (options: { readonly resamples: number; readonly seed: number }, alpha: number, family: number): StatisticsNote => ({
  level: 0.95, alpha, correction: "holm-bonferroni", family, ...options,
  intervals: {
    exact: "one seed, one eval set: Clopper-Pearson for an accuracy; for a gap, the exact conditional interval of McNemar widened by the exact interval of the discordant rate",
    "seeds x items": "several seeds: mean +- t(df) se, se from two-way (seed x item) variance components, df by Satterthwaite",
    bootstrap: "one seed, several eval sets (Avg): stratified percentile bootstrap over items",
    floor: "with fewer than 10 correct, wrong or discordant items, the exact interval over the items is a floor"
  },
  tests: {
    pItems: "paired sign-flip permutation test of item differences: exact McNemar for one seed and one eval set, the exact distribution where magnitudes are commensurate, else Monte Carlo (resolution 1/(resamples + 1))",
    pSeeds: "several seeds: t test with the seeds x items standard error",
    p: "pItems with one seed; max(pItems, pSeeds) with several",
    claim: "significant: Holm-adjusted p <= alpha and 2+ seeds; item-level only: Holm-adjusted p <= alpha with one seed (seed variance unknown); else not significant"
  }
})

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
  "family", "size", "params", "mix", "eval_set", "n", "records", "seeds", "accuracy", "ci_low", "ci_high", "ci_method", "ci_over",
  "seed_sd", "mean_tokens", ...OUTCOMES.map((o) => `n_${o.replace("-", "_")}`),
  "rules_accuracy", "llm_accuracy", "judge_disagreement"
]

/** results.csv text: a header and one row per cell (ci_over: "items" with one seed, "seeds and items" with several). */
export const resultsCsv = (cells: ReadonlyArray<Cell>): string =>
  [
    CSV_COLUMNS.join(","),
    ...cells.map((c) => [
      c.family, c.size, c.params, c.mix, c.evalSet, c.n, c.records, c.seeds, c.accuracy, c.ci.low, c.ci.high, c.ciMethod, c.ciOver,
      c.seedSd, c.meanTokens, ...OUTCOMES.map((o) => c.taxonomy[o]),
      c.judge?.rulesAccuracy, c.judge?.llmAccuracy, c.judge?.disagreement
    ].map(csvField).join(","))
  ].join("\n") + "\n"
