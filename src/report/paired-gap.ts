// One paired gap between two mixes on the same items: estimate, interval and p-values, seed-aware when seeds allow.
import { deriveSeed } from "../data/prng.ts"
import { bootstrapMeanOfMeans } from "./bootstrap.ts"
import { FEW, type IntervalMethod, type IntervalScope, type SeedAnswers, commonSeeds, matrixOf } from "./intervals.ts"
import { pairedExactInterval, signFlipTest } from "./paired.ts"
import { seedItemEstimate, seedItemInterval, seedItemP } from "./seeds.ts"

/** The two mixes' answers on each eval set the gap covers; `isBase` marks the untrained model, which has no training seed. */
export interface GapSides {
  readonly minuend: ReadonlyArray<SeedAnswers>
  readonly subtrahend: ReadonlyArray<SeedAnswers>
  readonly minuendIsBase: boolean
  readonly subtrahendIsBase: boolean
}

/** A paired gap before the multiple-comparison correction; differences are fractions (-1..1). */
export interface PairedGap {
  readonly estimate: number
  readonly low: number
  readonly high: number
  readonly ciMethod: IntervalMethod
  readonly ciOver: IntervalScope
  /** Paired items (summed over eval sets). */
  readonly n: number
  /** Training seeds the seed variance is estimated from; below 2 it is unknown. */
  readonly seeds: number
  /** Items on which the minuend (plus) or the subtrahend (minus) scored higher, mean over seeds. */
  readonly plus: number
  readonly minus: number
  /** Item-level paired test: exact McNemar, or the sign-flip permutation test of the item differences. */
  readonly pItems: number
  /** Seeds x items t test, with several seeds. */
  readonly pSeeds: number | null
  /** The row's p: pItems with one seed, the larger of pItems and pSeeds with several (both must reject). */
  readonly p: number
}

/**
 * Seeds to pair: the seeds both mixes share when there are at least 2; against the base model (one evaluation,
 * no training seed) every seed of the trained side is paired with it; otherwise none (one-seed gap).
 */
const pairing = (s: GapSides): { a: Array<number>; b: Array<number> } | null => {
  const ca = commonSeeds(s.minuend)
  const cb = commonSeeds(s.subtrahend)
  const shared = ca.filter((x) => cb.includes(x))
  if (shared.length >= 2) return { a: shared, b: shared }
  if (s.subtrahendIsBase && cb.length === 1 && ca.length >= 2) return { a: ca, b: ca.map(() => cb[0] as number) }
  if (s.minuendIsBase && ca.length === 1 && cb.length >= 2) return { a: cb.map(() => ca[0] as number), b: cb }
  return null
}

const meanOverSeeds = (a: SeedAnswers): Map<string, number> => {
  const sum = new Map<string, { s: number; k: number }>()
  for (const bySample of a.values()) for (const [id, x] of bySample) {
    const e = sum.get(id) ?? { s: 0, k: 0 }
    sum.set(id, { s: e.s + x, k: e.k + 1 })
  }
  return new Map([...sum].map(([id, e]) => [id, e.s / e.k]))
}

const hull = (a: { low: number; high: number }, b: { low: number; high: number }) => ({ low: Math.min(a.low, b.low), high: Math.max(a.high, b.high) })

/** The paired gap minuend - subtrahend (mean over eval sets of per-set gaps); null when no item is paired. */
export const pairedGap = (sides: GapSides, options: { readonly resamples: number; readonly seed: number; readonly label: string }): PairedGap | null => {
  const pairs = pairing(sides)
  const diffs: Array<Float64Array> = []
  const matrices: Array<Array<Float64Array>> = []
  sides.minuend.forEach((a, k) => {
    const b = sides.subtrahend[k] as SeedAnswers
    if (pairs) {
      const ma = matrixOf(a, pairs.a)
      const mb = matrixOf(b, pairs.b, ma.items)
      if (mb.items.length === 0) return
      const ia = matrixOf(a, pairs.a, mb.items)
      const rows = ia.rows.map((r, s) => r.map((x, i) => x - ((mb.rows[s] as Float64Array)[i] as number)))
      matrices.push(rows)
      diffs.push(Float64Array.from(mb.items, (_, i) => rows.reduce((acc, r) => acc + (r[i] as number), 0) / rows.length))
    } else {
      const sa = meanOverSeeds(a)
      const sb = meanOverSeeds(b)
      const d = [...sa].filter(([id]) => sb.has(id)).map(([id, x]) => x - (sb.get(id) as number))
      if (d.length > 0) diffs.push(Float64Array.from(d))
    }
  })
  if (diffs.length === 0) return null
  const K = diffs.length
  const n = diffs.reduce((a, d) => a + d.length, 0)
  const all = diffs.flatMap((d) => [...d])
  const weights = diffs.flatMap((d) => [...d].map(() => 1 / (K * d.length)))
  const plus = all.filter((x) => x > 0).length
  const minus = all.filter((x) => x < 0).length
  const estimate = diffs.reduce((a, d) => a + d.reduce((s, x) => s + x, 0) / d.length, 0) / K
  const pItems = signFlipTest(all, weights, { resamples: options.resamples, seed: deriveSeed(options.seed, `flip:${options.label}`) })
  const floor = (i: { low: number; high: number }) => (plus + minus < FEW ? hull(i, pairedExactInterval(plus, minus, n)) : i)
  const base = { estimate, n, plus, minus, pItems }
  if (pairs) {
    const e = seedItemEstimate(matrices, { floorSeedLevel: false })
    const pSeeds = seedItemP(e)
    return { ...base, ...floor(seedItemInterval(e, { min: -1, max: 1 })), ciMethod: "seeds x items", ciOver: "seeds and items", seeds: pairs.a.length, pSeeds, p: Math.max(pItems, pSeeds) }
  }
  const common = { ...base, ciOver: "items" as const, seeds: 1, pSeeds: null, p: pItems }
  if (K === 1 && all.every((x) => x === 0 || Math.abs(x) === 1)) return { ...common, ...pairedExactInterval(plus, minus, n), ciMethod: "exact" }
  const b = bootstrapMeanOfMeans(diffs, { resamples: options.resamples, seed: deriveSeed(options.seed, options.label) })
  return { ...common, ...floor(b), ciMethod: "bootstrap" }
}
