// Markdown for the gap questions: one table of gap rows with their claims, a summary of what survives, crossovers.
import type { Crossover } from "./crossover.ts"
import type { GapRow } from "./gaps.ts"
import { ci, mdTable, signed } from "./markdown.ts"

const student = (r: { family: string; size: string }) => `${r.family} ${r.size}`

/** A p-value to three significant digits ("0.0625", "0.125", "1", "<0.0001"). */
export const pValue = (p: number | null): string =>
  p === null || Number.isNaN(p) ? "-" : p < 1e-4 ? "<0.0001" : String(Number(p.toPrecision(3)))

/** One row per (gap, student, eval set): Δ, its 95% interval, the row's p, Holm-adjusted p and the claim. */
export const gapTable = (rows: ReadonlyArray<GapRow>): string =>
  mdTable(
    ["Gap", "Student", "Eval set", "n", "Seeds", "Δ points", "95% CI", "p", "p (Holm)", "Claim"],
    rows.map((r) => [r.name, student(r), r.evalSet, String(r.n), String(r.seeds), signed(r.estimate), ci(r), pValue(r.p), pValue(r.pHolm), r.claim]),
    ["l", "l", "l", "r", "r", "r", "r", "r", "r", "l"]
  )

const listed = (rows: ReadonlyArray<GapRow>, most = 8): string => {
  const name = (r: GapRow) => `${r.name} at ${student(r)} on ${r.evalSet} (${signed(r.estimate)})`
  return rows.slice(0, most).map(name).join("; ") + (rows.length > most ? `; and ${rows.length - most} more (see the Claim column)` : "")
}

/** Sentences saying how many of the given rows survive the correction, naming those that do. */
export const claimSummary = (rows: ReadonlyArray<GapRow>, family: number): string => {
  const sig = rows.filter((r) => r.claim === "significant")
  const item = rows.filter((r) => r.claim === "item-level only")
  return [
    `Of these ${rows.length} rows (Holm-Bonferroni over all ${family} gap rows of this report, family-wise 5%), ${sig.length} ${sig.length === 1 ? "is" : "are"} significant` +
      (sig.length > 0 ? `: ${listed(sig)}.` : "."),
    item.length > 0
      ? `${item.length} ${item.length === 1 ? "survives" : "survive"} on one training seed only (item-level only: true of these evaluation items, silent about training): ${listed(item)}.`
      : ""
  ].filter((s) => s !== "").join(" ")
}

const crossoverText = (x: Crossover): string =>
  x.status === "established" ? `between ${x.below} and ${x.size}`
    : x.status === "item-level only" ? `between ${x.below} and ${x.size} (one seed: item-level only)`
    : x.status === "not established" ? `not established (the estimates change sign${x.estimateSize ? ` at ${x.estimateSize}` : ""}, but not between significant gaps on both sides)`
    : "none within the grid"

/** Crossovers per gap series; a size is named only when significant gaps of opposite sign lie on both sides. */
export const crossoverTable = (xs: ReadonlyArray<Crossover>): string =>
  mdTable(["Gap", "Family", "Eval set", "Sign change"], xs.map((x) => [x.name, x.family, x.evalSet, crossoverText(x)]))
