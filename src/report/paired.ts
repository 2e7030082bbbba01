// Paired comparisons of two mixes on the same items: the exact McNemar interval and the sign-flip permutation test.
import { mulberry32 } from "../data/prng.ts"
import { clopperPearson, exactMcNemar } from "./distributions.ts"

/**
 * A 95% interval for a paired difference of accuracies (as fractions) from `plus` items only the first mix got
 * right and `minus` items only the second got right, out of `n`. The difference is d(2t - 1), with d the
 * discordant rate and t the share of discordant items won by the first mix: t gets the exact Clopper-Pearson
 * interval given the discordant count, whose bounds cross 1/2 exactly when the exact McNemar test is not
 * significant at 5%; each bound then takes the end of d's own exact interval that moves it away from 0. So the
 * interval excludes 0 exactly when McNemar's p <= 0.05, and 0 discordant of 150 still gives [-2.4%, +2.4%].
 */
export const pairedExactInterval = (plus: number, minus: number, n: number, level = 0.95): { readonly low: number; readonly high: number } => {
  const m = plus + minus
  const d = clopperPearson(m, n, level)
  const t = m === 0 ? { low: 0, high: 1 } : clopperPearson(plus, m, level)
  const lo = 2 * t.low - 1
  const hi = 2 * t.high - 1
  return { low: lo < 0 ? lo * d.high : lo * d.low, high: hi > 0 ? hi * d.high : hi * d.low }
}

/** Integer multiples of a common unit for the magnitudes, when a small multiplier makes them all whole. */
const integerMagnitudes = (a: ReadonlyArray<number>): Array<number> | null => {
  const unit = Math.min(...a.map(Math.abs))
  for (let m = 1; m <= 1000; m++) {
    const r = a.map((v) => (Math.abs(v) / unit) * m)
    if (r.every((x) => Math.abs(x - Math.round(x)) < 1e-7)) return r.map(Math.round)
  }
  return null
}

/** Exact P(|sum of +-r_i| >= observed) over all sign flips, by dynamic programming over subset sums. */
const exactFlip = (r: ReadonlyArray<number>, observed: number): number => {
  const total = r.reduce((x, y) => x + y, 0)
  let dist = new Float64Array(total + 1)
  dist[0] = 1
  let reach = 0
  for (const x of r) {
    const next = new Float64Array(total + 1)
    for (let y = 0; y <= reach; y++) {
      const p = (dist[y] as number) * 0.5
      if (p === 0) continue
      next[y] = (next[y] as number) + p
      next[y + x] = (next[y + x] as number) + p
    }
    reach += x
    dist = next
  }
  let tail = 0
  for (let y = 0; y <= total; y++) if (Math.abs(2 * y - total) >= observed - 1e-9) tail += dist[y] as number
  return Math.min(1, tail)
}

/** Largest count x total-sum of the exact sign-flip distribution; beyond it the test is Monte Carlo. */
const EXACT_WORK = 2e7

/**
 * Two-sided paired permutation test of "no difference": under the null each item's difference is as likely
 * negated, so p = P(|sum of randomly signed weighted differences| >= |observed sum|). Exact when every nonzero
 * weighted difference has one magnitude (the exact McNemar p: one seed and one eval set, or equal-sized sets) or
 * when the magnitudes are small integer multiples of a unit (several seeds, sets of related sizes) and the work
 * stays under EXACT_WORK; otherwise Monte Carlo, p = (1 + hits) / (1 + resamples).
 */
export const signFlipTest = (
  values: ArrayLike<number>, weights: ArrayLike<number> | null, options: { readonly resamples: number; readonly seed: number }
): number => {
  const a: Array<number> = []
  for (let i = 0; i < values.length; i++) {
    const v = (values[i] as number) * (weights ? (weights[i] as number) : 1)
    if (v !== 0 && Number.isFinite(v)) a.push(v)
  }
  if (a.length === 0) return 1
  const scale = Math.max(...a.map(Math.abs))
  if (a.every((v) => Math.abs(Math.abs(v) - scale) <= 1e-12 * scale)) {
    return exactMcNemar(a.filter((v) => v > 0).length, a.filter((v) => v < 0).length)
  }
  const r = integerMagnitudes(a)
  if (r && a.length * r.reduce((x, y) => x + y, 0) <= EXACT_WORK) {
    return exactFlip(r, Math.abs(a.reduce((s, v, i) => s + Math.sign(v) * (r[i] as number), 0)))
  }
  const observed = Math.abs(a.reduce((s, v) => s + v, 0)) - 1e-12 * scale
  const rng = mulberry32(options.seed)
  let hits = 0
  for (let b = 0; b < options.resamples; b++) {
    let s = 0
    for (const v of a) s += rng() < 0.5 ? v : -v
    if (Math.abs(s) >= observed) hits++
  }
  return (1 + hits) / (1 + options.resamples)
}
