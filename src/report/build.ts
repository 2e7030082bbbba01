// Builds a report: computes cells, gaps, crossovers and expected checks, then writes report.md, results and charts.
import { constantBaselines } from "./baseline.ts"
import * as Effect from "effect/Effect"
import * as FileSystem from "effect/FileSystem"
import * as Path from "effect/Path"
import { type CellTable, buildCells } from "./cells.ts"
import { accuracyChartSpec, gapChartSpec, renderSvg, svgToPng } from "./charts.ts"
import { rewardChartSpec } from "./stages.ts"
import { renderDocument } from "./document.ts"
import { ReportError } from "./errors.ts"
import { type ExpectedCheck, checkExpected } from "./expected.ts"
import { type Crossover, crossovers } from "./crossover.ts"
import { ALPHA, type GapRow, adjustGaps, bestSingleGapRows, definedGapRows } from "./gaps.ts"
import { type ReportResults, nodeTotals, resultsCsv, resultsJson, statisticsNote } from "./results.ts"
import { AVG, type ReportInput } from "./types.ts"

/** Default count of bootstrap and permutation resamples. */
export const DEFAULT_RESAMPLES = 2000

/** Everything computed for a report. */
export interface ReportData {
  readonly table: CellTable
  readonly gaps: ReadonlyArray<GapRow>
  readonly crossovers: ReadonlyArray<Crossover>
  readonly expected: ReadonlyArray<ExpectedCheck>
  readonly results: ReportResults
}

/** The files a report wrote (absolute or as joined from `outDir`). */
export interface ReportPaths {
  readonly report: string
  readonly resultsJson: string
  readonly resultsCsv: string
  readonly gapSvg: string
  readonly gapPng: string
  readonly accuracySvg: string
  readonly accuracyPng: string
}

/** Computes every number of the report (pure; deterministic from the bootstrap seed). The Holm family is every gap row. */
export const computeReport = (input: ReportInput): ReportData => {
  const options = { resamples: input.bootstrap?.resamples ?? DEFAULT_RESAMPLES, seed: input.bootstrap?.seed ?? 0 }
  const table = buildCells(input.evals, options)
  const gaps = adjustGaps([...definedGapRows(table, input.gaps ?? [], options), ...bestSingleGapRows(table, input.singleSources ?? [], options)])
  const xs = crossovers(gaps)
  const expected = checkExpected(table, input.expected ?? [], gaps)
  const results: ReportResults = {
    experiment: input.experiment,
    runId: input.runId,
    seeds: input.seeds,
    statistics: statisticsNote(options, ALPHA, gaps.length),
    cells: table.cells,
    baselines: constantBaselines(input.evals),
    gaps,
    crossovers: xs,
    expected,
    mixes: input.mixes,
    judging: input.judging,
    nodes: input.nodes,
    totals: nodeTotals(input.nodes)
  }
  return { table, gaps, crossovers: xs, expected, results }
}

/** The eval-set label charts use: Avg when there are several eval sets, else the only one. */
const headlineSet = (table: CellTable): string => (table.evalSets.length > 1 ? AVG : (table.evalSets[0] ?? AVG))

/**
 * Writes `report.md`, `results.json`, `results.csv` and `charts/{gap-vs-size,accuracy-by-mix}.{svg,png}` under
 * `outDir` (created if needed) and returns their paths.
 */
export const buildReport = Effect.fn("buildReport")(function*(input: ReportInput, outDir: string) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const data = computeReport(input)
  const headline = headlineSet(data.table)
  const defined = data.gaps.filter((g) => g.kind === "defined" && g.evalSet === headline)
  const gapRows = defined.length > 0 ? defined : data.gaps.filter((g) => g.evalSet === headline)
  const gapSvg = yield* renderSvg(gapChartSpec(gapRows))
  const accuracySvg = yield* renderSvg(accuracyChartSpec(data.table.cells.filter((c) => c.evalSet === headline), headline === AVG ? "mean over eval sets" : headline))
  const rewardSpec = rewardChartSpec(input.stages)
  const rewardSvg = rewardSpec === undefined ? undefined : yield* renderSvg(rewardSpec)
  const rewardPng = rewardSvg === undefined ? undefined : yield* svgToPng(rewardSvg)
  const gapPng = yield* svgToPng(gapSvg)
  const accuracyPng = yield* svgToPng(accuracySvg)
  const paths: ReportPaths = {
    report: path.join(outDir, "report.md"),
    resultsJson: path.join(outDir, "results.json"),
    resultsCsv: path.join(outDir, "results.csv"),
    gapSvg: path.join(outDir, "charts", "gap-vs-size.svg"),
    gapPng: path.join(outDir, "charts", "gap-vs-size.png"),
    accuracySvg: path.join(outDir, "charts", "accuracy-by-mix.svg"),
    accuracyPng: path.join(outDir, "charts", "accuracy-by-mix.png")
  }
  const markdown = renderDocument({
    input, table: data.table, baselines: data.results.baselines, gaps: data.gaps, crossovers: data.crossovers, expected: data.expected,
    charts: { gap: "charts/gap-vs-size.png", accuracy: "charts/accuracy-by-mix.png", ...(rewardPng === undefined ? {} : { rewards: "charts/grpo-reward.png" }) }
  })
  yield* Effect.gen(function*() {
    yield* fs.makeDirectory(path.join(outDir, "charts"), { recursive: true })
    yield* fs.writeFileString(paths.gapSvg, gapSvg)
    yield* fs.writeFile(paths.gapPng, gapPng)
    yield* fs.writeFileString(paths.accuracySvg, accuracySvg)
    yield* fs.writeFile(paths.accuracyPng, accuracyPng)
    if (rewardSvg !== undefined && rewardPng !== undefined) {
      yield* fs.writeFileString(path.join(outDir, "charts", "grpo-reward.svg"), rewardSvg)
      yield* fs.writeFile(path.join(outDir, "charts", "grpo-reward.png"), rewardPng)
    }
    yield* fs.writeFileString(paths.resultsJson, resultsJson(data.results))
    yield* fs.writeFileString(paths.resultsCsv, resultsCsv(data.table.cells))
    yield* fs.writeFileString(paths.report, markdown)
  }).pipe(Effect.mapError((e) => new ReportError({ reason: "write-failed", message: `writing the report under ${outDir} failed: ${e.message}` })))
  return paths
})
