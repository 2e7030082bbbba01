// Accuracy intervals: exact for one seed, seeds x items for several, with an exact floor where approximations degenerate.
import { deriveSeed } from "../data/prng.ts"
import { bootstrapMeanOfMeans } from "./bootstrap.ts"
import { clopperPearson } from "./distributions.ts"
import { type SeedItemMatrix, seedItemEstimate, seedItemInterval } from "./seeds.ts"

/** Per-seed answers of one cell: seed -> sample id -> score (1 correct, 0 not). */
export type SeedAnswers = ReadonlyMap<number, ReadonlyMap<string, number>>

/** How an interval was computed. */
export type IntervalMethod = "exact" | "bootstrap" | "seeds x items"

/** What an interval accounts for: evaluation items only (one seed) or training seeds and items. */
export type IntervalScope = "items" | "seeds and items"

/** An interval (fractions) with its method and scope; `seedSd` is the spread of per-seed means, with several seeds. */
export interface MethodInterval {
  readonly low: number
  readonly high: number
  readonly method: IntervalMethod
  readonly over: IntervalScope
  readonly seedSd?: number
}

/**
 * Below this many successes (or failures; discordant items for gaps), normal and bootstrap intervals degenerate
 * (0 of n gives [0, 0]) and the exact interval over the items is used as a floor: the textbook n p >= 10 rule.
 */
export const FEW = 10

/** Seeds present in every answer set, ascending. */
export const commonSeeds = (sets: ReadonlyArray<SeedAnswers>): Array<number> =>
  sets.length === 0 ? [] : [...(sets[0] as SeedAnswers).keys()].filter((s) => sets.every((a) => a.has(s))).sort((a, b) => a - b)

/** The seed x item matrix of the items every given seed answered (`items` restricts and orders them). */
export const matrixOf = (answers: SeedAnswers, seeds: ReadonlyArray<number>, items?: ReadonlyArray<string>): { rows: SeedItemMatrix; items: Array<string> } => {
  const maps = seeds.map((s) => answers.get(s) ?? new Map<string, number>())
  const ids = (items ?? [...(maps[0]?.keys() ?? [])]).filter((id) => maps.every((m) => m.has(id)))
  return { rows: maps.map((m) => Float64Array.from(ids, (id) => m.get(id) as number)), items: ids }
}

const hull = (a: { low: number; high: number }, b: { low: number; high: number }) => ({ low: Math.min(a.low, b.low), high: Math.max(a.high, b.high) })

/**
 * The 95% interval of a cell's accuracy (the mean over eval sets of per-set accuracies). One seed and one eval
 * set: Clopper-Pearson. Several seeds: the seeds x items t interval. One seed and several eval sets: the
 * stratified bootstrap over items. The last two take the hull with Clopper-Pearson over all items when fewer than
 * FEW answers are correct or wrong.
 */
export const accuracyInterval = (
  sets: ReadonlyArray<SeedAnswers>, itemScores: ReadonlyArray<Float64Array>, options: { readonly resamples: number; readonly seed: number; readonly label: string }
): MethodInterval => {
  const seeds = commonSeeds(sets)
  const n = itemScores.reduce((a, g) => a + g.length, 0)
  const estimate = itemScores.reduce((a, g) => a + g.reduce((s, x) => s + x, 0) / Math.max(1, g.length), 0) / Math.max(1, itemScores.length)
  const floor = (i: { low: number; high: number }) => (Math.min(estimate, 1 - estimate) * n < FEW ? hull(i, clopperPearson(estimate * n, n)) : i)
  if (seeds.length >= 2) {
    const e = seedItemEstimate(sets.map((a) => matrixOf(a, seeds).rows), { floorSeedLevel: true })
    return { ...floor(seedItemInterval(e, { min: 0, max: 1 })), method: "seeds x items", over: "seeds and items", seedSd: e.seedSd }
  }
  if (itemScores.length === 1) {
    const g = itemScores[0] as Float64Array
    return { ...clopperPearson(g.reduce((s, x) => s + x, 0), g.length), method: "exact", over: "items" }
  }
  const b = bootstrapMeanOfMeans(itemScores, { resamples: options.resamples, seed: deriveSeed(options.seed, options.label) })
  return { ...floor(b), method: "bootstrap", over: "items" }
}
