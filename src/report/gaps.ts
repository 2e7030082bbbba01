// Gap rows (e.g. P_long - P_short per student size) with paired bootstrap CIs, best-single-source gaps and crossover sizes.
import { compareStrings, deriveSeed } from "../data/prng.ts"
import { bootstrapMeanOfMeans, excludesZero, type Interval, scaleInterval } from "./bootstrap.ts"
import { type BootstrapOptions, type CellTable, cellId, findCell } from "./cells.ts"
import { AVG, BASE_MIX, type GapSpec } from "./types.ts"

/** One gap at one student size and eval set, in accuracy points; `significant` when the 95% CI excludes 0. */
export interface GapRow extends Interval {
  readonly name: string
  readonly kind: "defined" | "best-single"
  readonly minuend: string
  readonly subtrahend: string
  readonly family: string
  readonly size: string
  readonly params: number
  readonly evalSet: string
  /** Paired samples (summed over eval sets for Avg). */
  readonly n: number
  readonly significant: boolean
}

/** The smallest size from which a gap's sign changes and stays, or null ("none within the grid"). */
export interface Crossover {
  readonly name: string
  readonly family: string
  readonly evalSet: string
  readonly size: string | null
  /** Whether every gap from the crossover size on is significant at 95%. */
  readonly significant: boolean
}

const methodOf = (label: string): string => (label.includes("/") ? label.slice(label.indexOf("/")) : "")
const mixOf = (label: string): string => (label.includes("/") ? label.slice(0, label.indexOf("/")) : label)

/** Gap specs against the table's mix labels: with several methods, one spec per method (`long/sft - short/sft`). */
export const expandGapSpecs = (specs: ReadonlyArray<GapSpec>, mixes: ReadonlyArray<string>): Array<GapSpec> =>
  specs.flatMap((s) => {
    if (mixes.includes(s.minuend) && mixes.includes(s.subtrahend)) return [s]
    const methods = [...new Set(mixes.filter((m) => mixOf(m) === s.minuend).map(methodOf))]
    return methods
      .filter((m) => m !== "" && mixes.includes(`${s.subtrahend}${m}`))
      .map((m) => ({ name: `${s.name}${m}`, minuend: `${s.minuend}${m}`, subtrahend: `${s.subtrahend}${m}` }))
  })

const students = (table: CellTable) => {
  const seen = new Map<string, { family: string; size: string; params: number }>()
  for (const c of table.cells) seen.set(`${c.family}\u0000${c.size}`, { family: c.family, size: c.size, params: c.params })
  return [...seen.values()].sort((a, b) => compareStrings(a.family, b.family) || a.params - b.params)
}

const pairedDiffs = (table: CellTable, family: string, size: string, a: string, b: string, evalSet: string): Float64Array | null => {
  const sa = table.scores.get(cellId({ family, size, mix: a, evalSet }))
  const sb = table.scores.get(cellId({ family, size, mix: b, evalSet }))
  if (!sa || !sb) return null
  const out: Array<number> = []
  for (const [id, x] of sa) {
    const y = sb.get(id)
    if (y !== undefined) out.push(x - y)
  }
  return out.length > 0 ? Float64Array.from(out) : null
}

const gapRowsFor = (
  table: CellTable, spec: GapSpec, kind: GapRow["kind"], student: { family: string; size: string; params: number }, options: BootstrapOptions
): Array<GapRow> => {
  const rows: Array<GapRow> = []
  const groups: Array<Float64Array> = []
  const make = (evalSet: string, gs: ReadonlyArray<Float64Array>): GapRow => {
    const label = `gap:${spec.name}:${student.family}:${student.size}:${evalSet}`
    const i = scaleInterval(bootstrapMeanOfMeans(gs, { resamples: options.resamples, seed: deriveSeed(options.seed, label) }), 100)
    return { ...i, ...spec, kind, ...student, evalSet, n: gs.reduce((a, g) => a + g.length, 0), significant: excludesZero(i) }
  }
  for (const evalSet of table.evalSets) {
    const d = pairedDiffs(table, student.family, student.size, spec.minuend, spec.subtrahend, evalSet)
    if (!d) continue
    groups.push(d)
    rows.push(make(evalSet, [d]))
  }
  if (groups.length > 1) rows.push(make(AVG, groups))
  return rows
}

/** Gap rows for the defined gaps, per student size and eval set, plus "Avg" (mean of the per-set gaps). */
export const definedGapRows = (table: CellTable, specs: ReadonlyArray<GapSpec>, options: BootstrapOptions): Array<GapRow> =>
  expandGapSpecs(specs, table.mixes).flatMap((spec) => students(table).flatMap((st) => gapRowsFor(table, spec, "defined", st, options)))

/** The overall accuracy used to rank mixes: the Avg cell, or the only eval set's cell. */
const headline = (table: CellTable, family: string, size: string, mix: string): number | null => {
  const avg = findCell(table, { family, size, mix, evalSet: AVG })
  if (avg) return avg.accuracy
  const only = table.evalSets.length === 1 ? findCell(table, { family, size, mix, evalSet: table.evalSets[0] as string }) : undefined
  return only ? only.accuracy : null
}

/**
 * Each mixed mix minus the best single-source mix at the same size (best = highest headline accuracy there,
 * same training method). Picking the best after looking favours the single source, so these gaps are conservative for the mix.
 */
export const bestSingleGapRows = (table: CellTable, singleSources: ReadonlyArray<string>, options: BootstrapOptions): Array<GapRow> => {
  const isSingle = (label: string) => singleSources.includes(mixOf(label))
  const mixed = table.mixes.filter((m) => m !== BASE_MIX && !isSingle(m))
  return students(table).flatMap((st) =>
    mixed.flatMap((mix) => {
      const candidates = table.mixes.filter((m) => isSingle(m) && methodOf(m) === methodOf(mix))
      let best: string | null = null
      let bestAcc = -Infinity
      for (const c of candidates) {
        const acc = headline(table, st.family, st.size, c)
        if (acc !== null && acc > bestAcc) [best, bestAcc] = [c, acc]
      }
      if (best === null || headline(table, st.family, st.size, mix) === null) return []
      return gapRowsFor(table, { name: `${mix} - best single`, minuend: mix, subtrahend: best }, "best-single", st, options)
    }))
}

/** Crossover size per (gap name, family, eval set): the smallest size from which the sign differs from the smallest size's and stays. */
export const crossovers = (rows: ReadonlyArray<GapRow>): Array<Crossover> => {
  const series = new Map<string, Array<GapRow>>()
  for (const r of rows) {
    const k = [r.name, r.family, r.evalSet].join("\u0000")
    const list = series.get(k)
    if (list) list.push(r)
    else series.set(k, [r])
  }
  return [...series.values()].map((rs) => {
    const sorted = rs.slice().sort((a, b) => a.params - b.params)
    const signs = sorted.map((r) => Math.sign(r.estimate))
    let at: number | null = null
    for (let i = signs.length - 1; i > 0 && signs[i] === signs[signs.length - 1] && signs[i] !== signs[0]; i--) at = i
    const first = sorted[0] as GapRow
    return {
      name: first.name,
      family: first.family,
      evalSet: first.evalSet,
      size: at === null ? null : (sorted[at] as GapRow).size,
      significant: at !== null && sorted.slice(at).every((r) => r.significant)
    }
  })
}
