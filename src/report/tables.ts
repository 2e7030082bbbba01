// Markdown sections of the report: accuracy grid and detail, gap rows, crossovers, judges, taxonomy, mixes, costs, expected.
import type { Cell, CellTable } from "./cells.ts"
import type { ExpectedCheck } from "./expected.ts"
import type { Crossover, GapRow } from "./gaps.ts"
import { ci, duration, mdTable, num, signed, usd } from "./markdown.ts"
import { nodeTotals } from "./results.ts"
import { OUTCOMES } from "./taxonomy.ts"
import { AVG, type ReportInput } from "./types.ts"

const student = (c: { family: string; size: string }) => `${c.family} ${c.size}`

/** Accuracy grid (rows: student x mix; columns: eval sets and Avg), accuracy in % with n per cell. */
export const accuracyGrid = (table: CellTable): string => {
  const sets = [...table.evalSets, ...(table.evalSets.length > 1 ? [AVG] : [])]
  const rows = new Map<string, Array<Cell>>()
  for (const c of table.cells) {
    const k = `${student(c)}\u0000${c.mix}`
    rows.set(k, [...(rows.get(k) ?? []), c])
  }
  const body = [...rows.values()].map((cs) => {
    const first = cs[0] as Cell
    return [student(first), first.mix, ...sets.map((s) => {
      const c = cs.find((x) => x.evalSet === s)
      return c ? `${num(c.accuracy)} (n=${c.n})` : "-"
    })]
  })
  return mdTable(["Student", "Mix", ...sets], body, ["l", "l", ...sets.map(() => "r" as const)])
}

/** One row per cell: n, accuracy, the CI over samples and, with several seeds, the CI over seed means. */
export const accuracyDetail = (table: CellTable): string => {
  const seeds = table.cells.some((c) => c.seedCi)
  const header = ["Student", "Mix", "Eval set", "n", "Seeds", "Acc %", "95% CI (bootstrap over samples)", ...(seeds ? ["95% CI (bootstrap over seeds)"] : []), "Mean tokens"]
  const rows = table.cells.map((c) => [student(c), c.mix, c.evalSet, String(c.n), String(c.seeds), num(c.accuracy), ci(c.ci), ...(seeds ? [ci(c.seedCi)] : []), num(c.meanTokens, 0)])
  return mdTable(header, rows, ["l", "l", "l", "r", "r", "r", "r", ...(seeds ? ["r" as const] : []), "r"])
}

const significance = (r: GapRow) => (r.significant ? "significant at 95%" : "not significant at 95% (CI includes 0)")

/** Gap rows: one per (gap, student size, eval set), with the paired bootstrap CI and an explicit significance statement. */
export const gapTable = (rows: ReadonlyArray<GapRow>): string =>
  mdTable(
    ["Gap", "Student", "Eval set", "Minuend - subtrahend", "n pairs", "Δ points", "95% CI", "Significance"],
    rows.map((r) => [r.name, student(r), r.evalSet, `${r.minuend} - ${r.subtrahend}`, String(r.n), signed(r.estimate), ci(r), significance(r)]),
    ["l", "l", "l", "l", "r", "r", "r", "l"]
  )

/** Compact gap grid like the paper's Table 1: Δ per size, eval sets as columns; `*` marks gaps significant at 95%. */
export const gapGrid = (rows: ReadonlyArray<GapRow>, evalSets: ReadonlyArray<string>): string => {
  const sets = [...evalSets, ...(evalSets.length > 1 ? [AVG] : [])]
  const keys = [...new Set(rows.map((r) => `${r.name}\u0000${student(r)}`))]
  const body = keys.map((k) => {
    const rs = rows.filter((r) => `${r.name}\u0000${student(r)}` === k)
    const first = rs[0] as GapRow
    return [first.name, student(first), ...sets.map((s) => {
      const r = rs.find((x) => x.evalSet === s)
      return r ? `${signed(r.estimate)}${r.significant ? "*" : ""}` : "-"
    })]
  })
  return mdTable(["Gap", "Student", ...sets], body, ["l", "l", ...sets.map(() => "r" as const)])
}

/** One sentence per crossover series (Avg and per eval set). */
export const crossoverLines = (xs: ReadonlyArray<Crossover>): string =>
  xs.map((x) => `- ${x.name} (${x.family}, ${x.evalSet}): ${x.size === null
    ? "no crossover within the grid"
    : `crossover at ${x.size}${x.significant ? " (every gap from there on is significant at 95%)" : " (not every gap from there on is significant at 95%)"}`}`).join("\n")

/** Chain-judge stage accuracies and disagreement per cell; empty when no record carries both stages. */
export const chainJudgeTable = (table: CellTable): string => {
  const cells = table.cells.filter((c) => c.judge && c.evalSet !== AVG)
  if (cells.length === 0) return ""
  return mdTable(
    ["Student", "Mix", "Eval set", "n rules", "Rules acc %", "n LLM", "LLM acc %", "n both", "Disagreement %"],
    cells.map((c) => {
      const j = c.judge!
      return [student(c), c.mix, c.evalSet, String(j.rulesN), num(j.rulesAccuracy), String(j.llmN), num(j.llmAccuracy), String(j.bothN), num(j.disagreement)]
    }),
    ["l", "l", "l", "r", "r", "r", "r", "r", "r"]
  )
}

/** Outcome classes per cell (counts over all answers, all seeds) with the mean trace length. */
export const taxonomyTable = (table: CellTable): string =>
  mdTable(
    ["Student", "Mix", "Eval set", "Answers", "Mean tokens", ...OUTCOMES],
    table.cells.filter((c) => c.evalSet !== AVG).map((c) => [student(c), c.mix, c.evalSet, String(c.records), num(c.meanTokens, 0), ...OUTCOMES.map((o) => String(c.taxonomy[o]))]),
    ["l", "l", "l", "r", "r", ...OUTCOMES.map(() => "r" as const)]
  )

/** Training mixes: size, tokens, mean trace length and shares per source. */
export const mixTable = (mixes: ReportInput["mixes"]): string =>
  mdTable(
    ["Mix", "Source", "Weight", "Examples", "Tokens", "Mean tokens", "Share (examples)", "Share (tokens)"],
    mixes.flatMap((m) => [
      [m.name, "all", "", String(m.stats.count), String(m.stats.tokens), num(m.stats.meanTokens, 0), "", ""],
      ...m.stats.sources.map((s) => ["", s.teacher, num(s.weight, 3), String(s.count), String(s.tokens), num(s.meanTokens, 0), `${num(100 * s.shareExamples)}%`, `${num(100 * s.shareTokens)}%`])
    ]),
    ["l", "l", "r", "r", "r", "r", "r", "r"]
  )

/** Teacher judging counts. */
export const judgingTable = (judging: ReportInput["judging"]): string =>
  mdTable(
    ["Teacher", "Traces", "Correct", "Correct %", "Unparseable", "Stage disagreement %"],
    judging.map((j) => [j.teacher, String(j.total), String(j.correct), num(j.total === 0 ? null : (100 * j.correct) / j.total), String(j.unparseable), j.disagreement === undefined ? "-" : num(100 * j.disagreement)]),
    ["l", "r", "r", "r", "r", "r"]
  )

/** Cost and time per node, with a totals row. */
export const costTable = (nodes: ReportInput["nodes"]): string => {
  const total = nodeTotals(nodes)
  return mdTable(
    ["Node", "Kind", "Time", "Cost", "Calls", "Tokens"],
    [
      ...nodes.map((n) => [n.label, n.kind, duration(n.seconds), usd(n.costUsd), String(n.calls), String(n.tokens)]),
      ["**Total**", "", duration(total.seconds), usd(total.costUsd), String(total.calls), String(total.tokens)]
    ],
    ["l", "l", "r", "r", "r", "r"]
  )
}

const MARK = { pass: "✅ PASS", fail: "❌ FAIL", missing: "❌ MISSING", ambiguous: "❌ AMBIGUOUS" } as const

/** Expected cells against measured accuracy. */
export const expectedTable = (checks: ReadonlyArray<ExpectedCheck>): string =>
  mdTable(
    ["Size", "Mix", "Eval set", "Expected %", "Tolerance", "Measured %", "n", "Result"],
    checks.map((c) => [c.family ? `${c.family} ${c.size}` : c.size, c.mix, c.evalSet, num(c.value), `±${num(c.tolerance)}`, num(c.measured), String(c.n), MARK[c.status]]),
    ["l", "l", "l", "r", "r", "r", "r", "l"]
  )
