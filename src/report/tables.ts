// Markdown tables of the report: accuracy grid, judges, taxonomy, mixes, costs, expected cells.
import type { Cell, CellTable } from "./cells.ts"
import type { ExpectedCheck } from "./expected.ts"
import { ci, duration, mdTable, num, usd } from "./markdown.ts"
import { nodeTotals } from "./results.ts"
import { OUTCOMES } from "./taxonomy.ts"
import { AVG, type ReportInput } from "./types.ts"

const student = (c: { family: string; size: string }) => `${c.family} ${c.size}`

/** Accuracy grid (rows: student x mix; columns: eval sets and Avg): accuracy in % with its 95% interval and n per cell. */
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
      return c ? `${num(c.accuracy)} ${ci(c.ci)} (n=${c.n})` : "-"
    })]
  })
  return mdTable(["Student", "Mix", ...sets], body, ["l", "l", ...sets.map(() => "r" as const)])
}

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
    ["Size", "Mix or gap", "Eval set", "Expected %", "Tolerance", "Measured %", "n", "Result"],
    checks.map((c) => [c.family ? `${c.family} ${c.size}` : c.size, c.mix ?? `gap ${c.gap}`, c.evalSet, num(c.value), `±${num(c.tolerance)}`, num(c.measured), String(c.n), MARK[c.status]]),
    ["l", "l", "l", "r", "r", "r", "r", "l"]
  )
