// Exact distributions behind the report's intervals and tests: incomplete beta, Student t, binomial tails, Clopper-Pearson.
import { erf, lgamma } from "mathjs/number"

/** The standard normal quantile of 0.975. */
export const Z975 = 1.959963984540054

const continuedFraction = (x: number, a: number, b: number): number => {
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let h = d
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const del = d * c
    h *= del
    if (Math.abs(del - 1) < 1e-15) break
  }
  return h
}

/** The regularized incomplete beta function I_x(a, b) for a, b > 0 (Lentz's continued fraction). */
export const betaInc = (x: number, a: number, b: number): number => {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * Math.log(x) + b * Math.log1p(-x))
  return x < (a + 1) / (a + b + 2) ? (front * continuedFraction(x, a, b)) / a : 1 - (front * continuedFraction(1 - x, b, a)) / b
}

/** The q-quantile of Beta(a, b), by bisection (to about 1e-15). */
export const betaQuantile = (q: number, a: number, b: number): number => {
  let lo = 0
  let hi = 1
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2
    if (betaInc(mid, a, b) < q) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/**
 * Clopper-Pearson ("exact") interval for a proportion of `x` successes in `n` trials, as fractions. `x` may be
 * fractional (a mean over seeds times n); 0 of n gives [0, 1 - (alpha/2)^(1/n)], e.g. [0, 0.0243] for n = 150.
 */
export const clopperPearson = (x: number, n: number, level = 0.95): { readonly low: number; readonly high: number } => {
  if (n <= 0) return { low: 0, high: 1 }
  const alpha = 1 - level
  return {
    low: x <= 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1),
    high: x >= n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x)
  }
}

/** The standard normal CDF. */
export const normalCdf = (z: number): number => 0.5 * (1 + erf(z / Math.SQRT2))

/** The CDF of Student's t with `df` degrees of freedom (any real df > 0; Infinity gives the normal). */
export const studentTCdf = (t: number, df: number): number => {
  if (!Number.isFinite(df) || df > 1e7) return normalCdf(t)
  const tail = 0.5 * betaInc(df / (df + t * t), df / 2, 0.5)
  return t > 0 ? 1 - tail : tail
}

/** The q-quantile (q in (0.5, 1)) of Student's t with `df` degrees of freedom, by bisection. */
export const studentTQuantile = (q: number, df: number): number => {
  let hi = 4
  while (studentTCdf(hi, df) < q && hi < 1e12) hi *= 2
  let lo = 0
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2
    if (studentTCdf(mid, df) < q) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/** Two-sided p-value of a t statistic with `df` degrees of freedom. */
export const tTestP = (t: number, df: number): number => Math.min(1, 2 * (1 - studentTCdf(Math.abs(t), df)))

/**
 * Exact McNemar test: the two-sided binomial test of `plus` against `minus` discordant pairs under p = 1/2,
 * p = min(1, 2 P(X <= min(plus, minus))). 4 to 0 gives 0.125, 5 to 0 gives 0.0625, no discordant pair gives 1.
 */
export const exactMcNemar = (plus: number, minus: number): number => {
  const m = plus + minus
  if (m === 0) return 1
  const k = Math.min(plus, minus)
  let tail = 0
  for (let j = 0; j <= k; j++) tail += Math.exp(lgamma(m + 1) - lgamma(j + 1) - lgamma(m - j + 1) - m * Math.LN2)
  return Math.min(1, 2 * tail)
}
