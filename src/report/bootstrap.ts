// Percentile bootstrap intervals for means and means of group means (stratified), used where one seed meets several eval sets.
import { type Rng, mulberry32 } from "../data/prng.ts"

/** A point estimate with a 95% interval, in the same unit as the estimate. */
export interface Interval {
  readonly estimate: number
  readonly low: number
  readonly high: number
}

/** The q-quantile (0..1) of sorted values, with linear interpolation between order statistics. */
export const quantile = (sorted: ArrayLike<number>, q: number): number => {
  if (sorted.length === 0) return Number.NaN
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  const a = sorted[lo] as number
  return a + ((sorted[hi] as number) - a) * (pos - lo)
}

const mean = (xs: ArrayLike<number>): number => {
  let s = 0
  for (let i = 0; i < xs.length; i++) s += xs[i] as number
  return xs.length === 0 ? Number.NaN : s / xs.length
}

const resampleMean = (xs: ArrayLike<number>, rng: Rng): number => {
  const n = xs.length
  let s = 0
  for (let i = 0; i < n; i++) s += xs[Math.floor(rng() * n)] as number
  return s / n
}

/**
 * Stratified percentile bootstrap of the mean of group means: every resample draws each group's values
 * with replacement, independently, and averages the group means. One group gives the plain bootstrap of a mean.
 * Empty groups are ignored; with no values the interval is NaN.
 */
export const bootstrapMeanOfMeans = (
  groups: ReadonlyArray<ArrayLike<number>>,
  options: { readonly resamples: number; readonly seed: number; readonly level?: number }
): Interval => {
  const used = groups.filter((g) => g.length > 0)
  if (used.length === 0) return { estimate: Number.NaN, low: Number.NaN, high: Number.NaN }
  const estimate = mean(used.map(mean))
  const rng = mulberry32(options.seed)
  const stats = new Float64Array(options.resamples)
  for (let b = 0; b < options.resamples; b++) {
    let s = 0
    for (const g of used) s += resampleMean(g, rng)
    stats[b] = s / used.length
  }
  stats.sort()
  const alpha = (1 - (options.level ?? 0.95)) / 2
  return { estimate, low: quantile(stats, alpha), high: quantile(stats, 1 - alpha) }
}

/** Percentile bootstrap interval of a mean. */
export const bootstrapMean = (values: ArrayLike<number>, options: { readonly resamples: number; readonly seed: number }): Interval =>
  bootstrapMeanOfMeans([values], options)

/** Scales an interval (e.g. fractions to percent). */
export const scaleInterval = (i: Interval, k: number): Interval => ({ estimate: i.estimate * k, low: i.low * k, high: i.high * k })
