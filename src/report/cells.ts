// Accuracy cells per (student size x mix x eval set) with 95% intervals (exact, or over seeds and items), and eval-set averages.
import { compareStrings } from "../data/prng.ts"
import type { Interval } from "./bootstrap.ts"
import { type IntervalMethod, type IntervalScope, type SeedAnswers, accuracyInterval } from "./intervals.ts"
import { type ChainJudgeStats, chainJudgeStats } from "./judges.ts"
import { type TaxonomyCounts, taxonomy } from "./taxonomy.ts"
import { AVG, BASE_MIX, type EvalRecord } from "./types.ts"

/** Identifies a cell. `mix` is the mix label ("base" for the untrained model). */
export interface CellKey {
  readonly family: string
  readonly size: string
  readonly params: number
  readonly mix: string
  readonly evalSet: string
}

/** Accuracy of one cell, in percent. `n` counts distinct samples; `records` counts answers over all seeds. */
export interface Cell extends CellKey {
  readonly n: number
  readonly records: number
  readonly seeds: number
  readonly accuracy: number
  /** 95% interval: Clopper-Pearson for one seed, seeds x items for several (see intervals.ts). */
  readonly ci: Interval
  readonly ciMethod: IntervalMethod
  /** "items" with one seed: the interval then says nothing about training-seed variance. */
  readonly ciOver: IntervalScope
  /** Standard deviation of the per-seed accuracies (points), with several seeds. */
  readonly seedSd?: number
  readonly meanTokens: number
  readonly taxonomy: TaxonomyCounts
  readonly judge?: ChainJudgeStats
}

/** Per-sample scores of a cell (mean correctness over seeds), used for paired comparisons. */
export type SampleScores = ReadonlyMap<string, number>

/** All cells, plus the per-sample scores and per-seed answers behind each per-eval-set cell. */
export interface CellTable {
  readonly cells: ReadonlyArray<Cell>
  readonly scores: ReadonlyMap<string, SampleScores>
  readonly answers: ReadonlyMap<string, SeedAnswers>
  readonly evalSets: ReadonlyArray<string>
  readonly mixes: ReadonlyArray<string>
}

/** Bootstrap settings. */
export interface BootstrapOptions {
  readonly resamples: number
  readonly seed: number
}

/** The mix label of a record; with several training methods in one run, trained mixes read `mix/method`. */
export const mixLabel = (r: EvalRecord, multiMethod: boolean): string =>
  r.mix === null ? BASE_MIX : multiMethod ? `${r.mix}/${r.method}` : r.mix

/** A stable string key of a cell. */
export const cellId = (k: Omit<CellKey, "params">): string => [k.family, k.size, k.mix, k.evalSet].join("\u0000")

const groupBy = <A>(items: ReadonlyArray<A>, key: (a: A) => string): Map<string, Array<A>> => {
  const m = new Map<string, Array<A>>()
  for (const a of items) {
    const k = key(a)
    const list = m.get(k)
    if (list) list.push(a)
    else m.set(k, [a])
  }
  return m
}

const scoresOf = (records: ReadonlyArray<EvalRecord>): Map<string, number> => {
  const m = new Map<string, number>()
  for (const [id, rs] of groupBy(records, (r) => r.sampleId)) m.set(id, rs.filter((r) => r.verdict === "correct").length / rs.length)
  return m
}

const answersOf = (records: ReadonlyArray<EvalRecord>): SeedAnswers => {
  const m = new Map<number, Map<string, number>>()
  for (const r of records) {
    const bySample = m.get(r.seed) ?? new Map<string, number>()
    bySample.set(r.sampleId, r.verdict === "correct" ? 1 : 0)
    m.set(r.seed, bySample)
  }
  return m
}

const finish = (key: CellKey, records: ReadonlyArray<EvalRecord>, groups: ReadonlyArray<Float64Array>, sets: ReadonlyArray<SeedAnswers>, options: BootstrapOptions): Cell => {
  const accuracy = 100 * groups.reduce((a, g) => a + g.reduce((s, x) => s + x, 0) / g.length, 0) / groups.length
  const i = accuracyInterval(sets, groups, { ...options, label: cellId(key) })
  const judge = chainJudgeStats(records)
  return {
    ...key,
    n: groups.reduce((a, g) => a + g.length, 0),
    records: records.length,
    seeds: new Set(records.map((r) => r.seed)).size,
    accuracy,
    ci: { estimate: accuracy, low: 100 * i.low, high: 100 * i.high },
    ciMethod: i.method,
    ciOver: i.over,
    ...(i.seedSd !== undefined ? { seedSd: 100 * i.seedSd } : {}),
    meanTokens: records.reduce((a, r) => a + r.outputTokens, 0) / Math.max(1, records.length),
    taxonomy: taxonomy(records),
    ...(judge ? { judge } : {})
  }
}

/** Groups records into cells and computes accuracies, intervals and per-cell statistics, with an "Avg" cell per (student, mix). */
export const buildCells = (evals: ReadonlyArray<EvalRecord>, options: BootstrapOptions): CellTable => {
  const multiMethod = new Set(evals.filter((r) => r.mix !== null).map((r) => r.method)).size > 1
  const evalSets = [...new Set(evals.map((r) => r.evalSet))].sort(compareStrings)
  const mixes = [...new Set(evals.map((r) => mixLabel(r, multiMethod)))].sort(compareStrings)
  const cells: Array<Cell> = []
  const scores = new Map<string, SampleScores>()
  const answers = new Map<string, SeedAnswers>()
  const byStudentMix = groupBy(evals, (r) => [r.student.family, r.student.size, mixLabel(r, multiMethod)].join("\u0000"))
  for (const records of byStudentMix.values()) {
    const first = records[0] as EvalRecord
    const base = { family: first.student.family, size: first.student.size, params: first.student.params, mix: mixLabel(first, multiMethod) }
    const bySet = groupBy(records, (r) => r.evalSet)
    const setScores: Array<Float64Array> = []
    const setAnswers: Array<SeedAnswers> = []
    for (const evalSet of evalSets) {
      const rs = bySet.get(evalSet)
      if (!rs) continue
      const key = { ...base, evalSet }
      const sc = scoresOf(rs)
      const an = answersOf(rs)
      scores.set(cellId(key), sc)
      answers.set(cellId(key), an)
      const values = Float64Array.from(sc.values())
      setScores.push(values)
      setAnswers.push(an)
      cells.push(finish(key, rs, [values], [an], options))
    }
    if (setScores.length > 1) cells.push(finish({ ...base, evalSet: AVG }, records, setScores, setAnswers, options))
  }
  const setOrder = (s: string) => (s === AVG ? evalSets.length : evalSets.indexOf(s))
  cells.sort((a, b) => compareStrings(a.family, b.family) || a.params - b.params || compareStrings(a.size, b.size) || compareStrings(a.mix, b.mix) || setOrder(a.evalSet) - setOrder(b.evalSet))
  return { cells, scores, answers, evalSets, mixes }
}

/** Finds a cell. */
export const findCell = (table: CellTable, key: Omit<CellKey, "params">): Cell | undefined =>
  table.cells.find((c) => c.family === key.family && c.size === key.size && c.mix === key.mix && c.evalSet === key.evalSet)
