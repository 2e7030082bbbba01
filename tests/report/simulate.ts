// Simulated evaluations for the statistics tests: items of varied difficulty, training seeds that shift accuracy.
import { type Rng, mulberry32 } from "../../src/data/prng.ts"
import type { SeedAnswers } from "../../src/report/intervals.ts"

/** A standard normal draw (Box-Muller). */
export const normal = (rng: Rng): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng())

/** Item success probabilities, uniform on [lo, hi] (mean (lo + hi) / 2). */
export const itemProbabilities = (rng: Rng, n: number, lo = 0.1, hi = 0.9): Float64Array => Float64Array.from({ length: n }, () => lo + (hi - lo) * rng())

/**
 * One trained mix evaluated with `seeds` training seeds on the items `q`: each seed shifts every item's success
 * probability by its own N(0, seedSd) draw (seed-to-seed spread), then answers are Bernoulli.
 */
export const simulateMix = (rng: Rng, q: Float64Array, seeds: number, seedSd: number, shift = 0): SeedAnswers =>
  new Map(Array.from({ length: seeds }, (_, s) => {
    const d = shift + seedSd * normal(rng)
    return [s + 1, new Map(Array.from(q, (p, i) => [`i${i}`, rng() < Math.min(1, Math.max(0, p + d)) ? 1 : 0] as const))] as const
  }))

/** Answers with exactly the given correct item indices, for one seed. */
export const fixedAnswers = (n: number, correct: (i: number) => boolean, seed = 1): SeedAnswers =>
  new Map([[seed, new Map(Array.from({ length: n }, (_, i) => [`i${i}`, correct(i) ? 1 : 0] as const))]])

/** A deterministic generator for a named test. */
export const rngFor = (seed: number): Rng => mulberry32(seed)
