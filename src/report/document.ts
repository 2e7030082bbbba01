// The report.md document: an ordered list of sections, one table per question, each built from the computed report.
import type { ConstantBaseline } from "./baseline.ts"
import type { CellTable } from "./cells.ts"
import type { Crossover } from "./crossover.ts"
import type { ExpectedCheck } from "./expected.ts"
import { claimSummary, crossoverTable, gapTable } from "./gap-tables.ts"
import type { GapRow } from "./gaps.ts"
import { leakageLines } from "./leakage.ts"
import { stageTable } from "./stages.ts"
import { accuracyGrid, chainJudgeTable, costTable, expectedTable, judgingTable, mixTable, taxonomyTable } from "./tables.ts"
import type { ReportInput } from "./types.ts"

/** What the document is made from. */
export interface DocumentParts {
  readonly input: ReportInput
  readonly table: CellTable
  readonly baselines: ReadonlyArray<ConstantBaseline>
  readonly gaps: ReadonlyArray<GapRow>
  readonly crossovers: ReadonlyArray<Crossover>
  readonly expected: ReadonlyArray<ExpectedCheck>
  /** Chart paths relative to the report. */
  readonly charts: { readonly gap: string; readonly accuracy: string; readonly rewards?: string }
}

/** One section: a title, short paragraphs and (usually) one table, in reading order. */
export interface Section {
  readonly title: string
  readonly body: ReadonlyArray<string>
}

/** Builds a section from the report's parts, or null when it has nothing to show. Add one to `SECTIONS` to extend the report. */
export type SectionBuilder = (p: DocumentParts) => Section | null

/** One sentence naming what a constant answer scores per eval set, the floor a student must clear. */
export const baselineLine = (baselines: ReadonlyArray<ConstantBaseline>): string =>
  baselines.length === 0 ? "" : "Constant-answer baseline (always giving the eval set's most common reference answer): " +
    baselines.map((b) => `${b.evalSet} ${b.accuracy.toFixed(1)}% (answer ${b.answer}, n=${b.n})`).join(", ") +
    ". A cell near it shows little learning, whatever its gaps."

/** How the intervals and claims were computed, worded for the seeds this run has. */
export const methodsLine = (p: DocumentParts): string => {
  const multi = p.table.cells.some((c) => c.ciOver === "seeds and items")
  const scope = multi
    ? "With several training seeds, intervals and tests cover seed-to-seed and item noise (two-way variance components, t with Satterthwaite degrees of freedom); a cell or gap resting on one seed covers item noise only."
    : "One training seed: every interval and test covers evaluation-item noise only. Seed-to-seed variance is not measured, so no gap is called significant; a gap that survives the correction on item noise alone is marked item-level only."
  return `Intervals are 95%; with one seed, Clopper-Pearson (exact) per eval set and a stratified bootstrap over items for Avg. ${scope} ` +
    `Gaps are paired on items, tested with exact McNemar or a paired sign-flip permutation test, and corrected with Holm-Bonferroni across all ${p.gaps.length} gap rows; ` +
    "p-values, methods and per-cell details are in results.json. `n` counts distinct evaluation samples; Avg is the unweighted mean over eval sets."
}

const gapSection = (title: string, lead: string, kind: GapRow["kind"], withCrossovers: boolean): SectionBuilder => (p) => {
  const rows = p.gaps.filter((g) => g.kind === kind)
  if (rows.length === 0) return null
  const xs = p.crossovers.filter((x) => rows.some((r) => r.name === x.name))
  return {
    title,
    body: [lead, gapTable(rows), claimSummary(rows, p.gaps.length),
      ...(withCrossovers && xs.length > 0 ? ["Crossover: named only where significant gaps of opposite sign lie on both sides.", crossoverTable(xs)] : [])]
  }
}

/** The report's sections, in order. */
export const SECTIONS: ReadonlyArray<SectionBuilder> = [
  (p) => p.expected.length === 0 ? null : {
    title: "Expected numbers",
    body: [`${p.expected.filter((e) => e.status === "pass").length} of ${p.expected.length} expected cells pass.`, expectedTable(p.expected)]
  },
  (p) => {
    const leaks = leakageLines(p.input.leakage)
    return leaks === "" ? null : {
      title: "Train/eval overlap",
      body: ["The leakage check found these eval problems among the training problems; their scores may be inflated.", leaks]
    }
  },
  (p) => ({ title: "Accuracy", body: [accuracyGrid(p.table), baselineLine(p.baselines)] }),
  gapSection("Gap rows",
    "Paired differences over the samples both mixes were evaluated on, in accuracy points. The CI is per row (uncorrected); the claim follows the Holm-adjusted p.",
    "defined", true),
  gapSection("Each mix vs the best single source",
    "The best single source is chosen per size by its measured headline accuracy; choosing after measuring favours it, so these gaps lean against the mix.",
    "best-single", false),
  (p) => ({ title: "Charts", body: [`![Gap vs student size](${p.charts.gap})`, `![Accuracy by mix](${p.charts.accuracy})`] }),
  (p) => {
    const table = stageTable(p.input.stages)
    return table === "" ? null : {
      title: "Training stages",
      body: ["Each stage's students are compared with their parent stage in the gap rows above. DPO's margin is the mean of log p(chosen) - log p(rejected) over held-out pairs; GRPO's reward is the judge's (1 correct) plus the spec's format rewards.",
        table, ...(p.charts.rewards === undefined ? [] : [`![GRPO reward per step](${p.charts.rewards})`])]
    }
  },
  (p) => {
    const judge = chainJudgeTable(p.table)
    return judge === "" ? null : { title: "Chain judge", body: ["Accuracy by each judge stage over the answers it judged, and the rate at which the two stages disagree where both judged.", judge] }
  },
  (p) => ({
    title: "Trace length and failure taxonomy",
    body: ["Each answer falls in exactly one class, checked in this order: correct; looping (generation stopped by the loop detector); " +
      "truncated (stopped at max tokens); no-answer (no final answer could be extracted); disagree (heuristic: the last number written " +
      "before the final-answer marker - `Final Answer`, else the last `\\boxed{`, `<answer>`, `Answer:` or `####` - differs from the " +
      "extracted final answer, when both are numeric); wrong (any other incorrect answer). Counts are over answers of all seeds.", taxonomyTable(p.table)]
  }),
  (p) => p.input.mixes.length === 0 ? null : { title: "Training mixes", body: [mixTable(p.input.mixes)] },
  (p) => p.input.judging.length === 0 ? null : { title: "Teacher judging", body: [judgingTable(p.input.judging)] },
  (p) => p.input.nodes.length === 0 ? null : { title: "Cost and time per step", body: [costTable(p.input.nodes)] }
]

const render = (s: Section): string => [`## ${s.title}`, "", ...s.body.filter((b) => b !== "").flatMap((b) => [b, ""])].join("\n")

/** Renders report.md from the given sections (default: SECTIONS). */
export const renderDocument = (p: DocumentParts, sections: ReadonlyArray<SectionBuilder> = SECTIONS): string => {
  const head = [
    `# Report: ${p.input.experiment}`,
    "",
    `Run \`${p.input.runId}\`; seeds: ${p.input.seeds.join(", ") || "-"}; ${p.input.evals.length} judged answers. Accuracies are in %, gaps in accuracy points.`,
    methodsLine(p),
    ""
  ]
  const body = sections.flatMap((b) => {
    const s = b(p)
    return s ? [render(s)] : []
  })
  return [...head, ...body].join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n"
}
