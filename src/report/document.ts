// The report.md document: sections in reading order, with plain statements of what is and is not significant.
import type { ConstantBaseline } from "./baseline.ts"
import type { CellTable } from "./cells.ts"
import type { ExpectedCheck } from "./expected.ts"
import type { Crossover, GapRow } from "./gaps.ts"
import { ci, signed } from "./markdown.ts"
import {
  accuracyDetail, accuracyGrid, chainJudgeTable, costTable, crossoverLines, expectedTable, gapGrid, gapTable, judgingTable, mixTable, taxonomyTable
} from "./tables.ts"
import { AVG, type ReportInput } from "./types.ts"
import { leakageLines } from "./leakage.ts"

/** What the document is made from. */
export interface DocumentParts {
  readonly input: ReportInput
  readonly table: CellTable
  readonly baselines: ReadonlyArray<ConstantBaseline>
  readonly gaps: ReadonlyArray<GapRow>
  readonly crossovers: ReadonlyArray<Crossover>
  readonly expected: ReadonlyArray<ExpectedCheck>
  readonly resamples: number
  /** Chart paths relative to the report. */
  readonly charts: { readonly gap: string; readonly accuracy: string }
}

/** One sentence per headline gap (Avg, or the only eval set), saying whether it is significant at 95%. */
export const gapStatements = (rows: ReadonlyArray<GapRow>, evalSets: ReadonlyArray<string>): string => {
  const headline = evalSets.length > 1 ? AVG : evalSets[0]
  return rows.filter((r) => r.evalSet === headline).map((r) => {
    const what = `${r.family} ${r.size}: ${r.minuend} - ${r.subtrahend} = ${signed(r.estimate)} points (95% CI ${ci(r)}, ${r.n} paired samples, ${r.evalSet})`
    return r.significant
      ? `- ${what}: the difference is significant at 95%.`
      : `- ${what}: the CI includes 0, so the difference is not significant at 95%.`
  }).join("\n")
}

/** One sentence naming what a constant answer scores per eval set, the floor a student must clear. */
export const baselineLine = (baselines: ReadonlyArray<ConstantBaseline>): string =>
  baselines.length === 0 ? "" : "Constant-answer baseline (always giving the eval set's most common reference answer): " +
    baselines.map((b) => `${b.evalSet} ${b.accuracy.toFixed(1)}% (answer ${b.answer}, n=${b.n})`).join(", ") +
    ". A cell near it shows little learning, whatever its gaps."

const section = (title: string, ...body: ReadonlyArray<string>) => [`## ${title}`, "", ...body.filter((b) => b !== "").flatMap((b) => [b, ""])].join("\n")

/** Renders report.md. */
export const renderDocument = (p: DocumentParts): string => {
  const { input, table } = p
  const defined = p.gaps.filter((g) => g.kind === "defined")
  const best = p.gaps.filter((g) => g.kind === "best-single")
  const multiSeed = table.cells.some((c) => c.seedCi)
  const passed = p.expected.filter((e) => e.status === "pass").length
  const parts = [
    `# Report: ${input.experiment}`,
    "",
    `Run \`${input.runId}\`; seeds: ${input.seeds.join(", ") || "-"}; ${input.evals.length} judged answers.`,
    `Accuracies are in %, gaps in accuracy points. 95% confidence intervals are percentile bootstraps with ${p.resamples} resamples over evaluation samples` +
      (multiSeed ? "; with several seeds a sample's score is its mean over seeds, and a second CI bootstraps the seed means (few seeds give a rough interval)." : ".") +
      " `n` counts distinct evaluation samples per cell. Avg is the unweighted mean over eval sets; its CI resamples each eval set independently.",
    ""
  ]
  if (p.expected.length > 0) {
    parts.push(section("Expected numbers", `${passed} of ${p.expected.length} expected cells pass.`, expectedTable(p.expected)))
  }
  const leaks = leakageLines(input.leakage)
  if (leaks !== "") {
    parts.push(section("Train/eval overlap", "The leakage check found these eval problems among the training problems; their scores may be inflated.", leaks))
  }
  parts.push(section("Accuracy", accuracyGrid(table), baselineLine(p.baselines), accuracyDetail(table)))
  if (defined.length > 0) {
    parts.push(section("Gap rows",
      "Paired differences over the samples both mixes were evaluated on. `*` marks a gap whose 95% CI excludes 0.",
      gapGrid(defined, table.evalSets), gapStatements(defined, table.evalSets),
      "Crossover size (the smallest size from which the gap's sign differs from the smallest size's and stays):",
      crossoverLines(p.crossovers.filter((x) => defined.some((d) => d.name === x.name))), gapTable(defined)))
  }
  if (best.length > 0) {
    parts.push(section("Each mix vs the best single source",
      "The best single source is chosen per size by its measured headline accuracy; choosing after measuring favours it, so these gaps lean against the mix.",
      gapGrid(best, table.evalSets), gapStatements(best, table.evalSets), gapTable(best)))
  }
  parts.push(section("Charts", `![Gap vs student size](${p.charts.gap})`, `![Accuracy by mix](${p.charts.accuracy})`))
  const judge = chainJudgeTable(table)
  if (judge !== "") {
    parts.push(section("Chain judge", "Accuracy by each judge stage over the answers it judged, and the rate at which the two stages disagree where both judged.", judge))
  }
  parts.push(section("Trace length and failure taxonomy",
    "Each answer falls in exactly one class, checked in this order: correct; looping (generation stopped by the loop detector); " +
      "truncated (stopped at max tokens); no-answer (no final answer could be extracted); disagree (heuristic: the last number written " +
      "before the final-answer marker - `Final Answer`, else the last `\\boxed{`, `<answer>`, `Answer:` or `####` - differs from the " +
      "extracted final answer, when both are numeric); wrong (any other incorrect answer). Counts are over answers of all seeds.",
    taxonomyTable(table)))
  if (input.mixes.length > 0) parts.push(section("Training mixes", mixTable(input.mixes)))
  if (input.judging.length > 0) parts.push(section("Teacher judging", judgingTable(input.judging)))
  if (input.nodes.length > 0) parts.push(section("Cost and time per step", costTable(input.nodes)))
  return parts.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n"
}
