// Uncertainty of a mean over training seeds x evaluation items: two-way variance components with a Student t interval.
import { studentTQuantile, tTestP } from "./distributions.ts"

/**
 * Scores of one eval set: `rows[s][i]` is seed s's score on item i (0/1 for an accuracy, -1/0/1 for a paired
 * difference). Every seed answered the same items: eval sets are shared across seeds (a crossed design).
 */
export type SeedItemMatrix = ReadonlyArray<Float64Array>

/** The mean over eval sets of the seed x item means, its standard error and the Satterthwaite degrees of freedom. */
export interface SeedItemEstimate {
  readonly estimate: number
  readonly se: number
  readonly df: number
  /** Standard deviation of the per-seed means (the seed-to-seed spread, in the estimate's unit). */
  readonly seedSd: number
  readonly seeds: number
  readonly items: number
}

const variance = (xs: ArrayLike<number>): number => {
  const n = xs.length
  if (n < 2) return 0
  let m = 0
  for (let i = 0; i < n; i++) m += xs[i] as number
  m /= n
  let s = 0
  for (let i = 0; i < n; i++) s += ((xs[i] as number) - m) ** 2
  return s / (n - 1)
}

/**
 * Two-way random-effects estimate of the variance of the mean over S >= 2 seeds and n items (per eval set k, each
 * set weighing 1/K): V_seed = var(seed means)/S, V_item = sum_k var_k(item means)/(K^2 n_k) and
 * V_res = sum_k MS_res,k/(K^2 n_k S) (the residual mean square). Var = V_seed + max(0, V_item - V_res) is unbiased
 * for seed effect/S + item effect/n + residual/(nS) (the ANOVA moment estimator); the t quantile takes the
 * Satterthwaite degrees of freedom, so V_seed, known from S - 1 degrees of freedom, weighs in as it should.
 * With `floorSeedLevel`, a V_seed below V_res (which it must contain) is replaced by V_res and its residual degrees
 * of freedom: better coverage for accuracy intervals with 2 seeds, where item and seed noise are comparable, but
 * too lenient a test with 2 seeds (simulated false positives 7-8% instead of 3%), so gap tests do not floor.
 * Resampling seeds and then items (a hierarchical bootstrap) would count the residual up to three times on shared
 * items, and with 2 seeds sees only 3 distinct seed draws, which is why it is not used here.
 */
export const seedItemEstimate = (strata: ReadonlyArray<SeedItemMatrix>, options: { readonly floorSeedLevel: boolean }): SeedItemEstimate => {
  const used = strata.filter((rows) => rows.length > 0 && (rows[0] as Float64Array).length > 0)
  const K = used.length
  const S = K > 0 ? (used[0] as SeedItemMatrix).length : 0
  if (K === 0 || S < 2) return { estimate: Number.NaN, se: Number.NaN, df: Number.NaN, seedSd: Number.NaN, seeds: S, items: 0 }
  const seedMeans = new Float64Array(S)
  const itemTerms: Array<{ v: number; df: number }> = []
  const resTerms: Array<{ v: number; df: number }> = []
  let items = 0
  for (const rows of used) {
    const n = (rows[0] as Float64Array).length
    items += n
    const rowMean = rows.map((r) => r.reduce((a, x) => a + x, 0) / n)
    const colMean = new Float64Array(n)
    for (const r of rows) for (let i = 0; i < n; i++) colMean[i] = (colMean[i] as number) + (r[i] as number) / S
    const grand = rowMean.reduce((a, x) => a + x, 0) / S
    let ss = 0
    rows.forEach((r, s) => {
      for (let i = 0; i < n; i++) ss += ((r[i] as number) - (rowMean[s] as number) - (colMean[i] as number) + grand) ** 2
    })
    const resDf = (S - 1) * (n - 1)
    rowMean.forEach((m, s) => (seedMeans[s] = (seedMeans[s] as number) + m / K))
    itemTerms.push({ v: variance(colMean) / (K * K * n), df: n - 1 })
    resTerms.push({ v: resDf > 0 ? ss / resDf / (K * K * n * S) : 0, df: resDf })
  }
  const vSeed = variance(seedMeans) / S
  const vItem = itemTerms.reduce((a, t) => a + t.v, 0)
  const vRes = resTerms.reduce((a, t) => a + t.v, 0)
  const floored = options.floorSeedLevel && vSeed <= vRes
  const terms = [
    ...(floored ? resTerms : [{ v: vSeed, df: S - 1 }]),
    ...(vItem > vRes ? [...itemTerms, ...resTerms.map((t) => ({ v: -t.v, df: t.df }))] : [])
  ].filter((t) => t.v !== 0 && t.df > 0)
  const total = Math.max(0, terms.reduce((a, t) => a + t.v, 0))
  const denom = terms.reduce((a, t) => a + (t.v * t.v) / t.df, 0)
  return {
    estimate: seedMeans.reduce((a, x) => a + x, 0) / S,
    se: Math.sqrt(total),
    df: denom > 0 ? (total * total) / denom : Number.POSITIVE_INFINITY,
    seedSd: Math.sqrt(variance(seedMeans)),
    seeds: S,
    items
  }
}

/** The t interval estimate ± t(df) se, clipped to [min, max]. */
export const seedItemInterval = (e: SeedItemEstimate, bounds: { readonly min: number; readonly max: number }, level = 0.95): { readonly low: number; readonly high: number } => {
  const half = e.se > 0 ? studentTQuantile(1 - (1 - level) / 2, e.df) * e.se : 0
  return { low: Math.max(bounds.min, e.estimate - half), high: Math.min(bounds.max, e.estimate + half) }
}

/** Two-sided p of "the mean is 0" from the t statistic; 1 for a zero estimate with no spread, 0 for a nonzero one. */
export const seedItemP = (e: SeedItemEstimate): number =>
  e.se > 0 ? tTestP(e.estimate / e.se, e.df) : e.estimate === 0 ? 1 : 0
