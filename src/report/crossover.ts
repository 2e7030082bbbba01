// Crossover sizes: where a gap changes sign along student size, claimed only when gaps on both sides are significant.
import type { GapRow } from "./gaps.ts"

/**
 * "established": significant gaps (after the correction, seed variance measured) of one sign at the smaller sizes
 * and of the other sign from `size` on, none out of order; "item-level only": the same, counting item-level-only
 * gaps too; "not established": the estimates change sign but not once between significant gaps on both sides;
 * "none": every estimate has the same sign.
 */
export type CrossoverStatus = "established" | "item-level only" | "not established" | "none"

/** The crossover of one series (gap name, family, eval set). */
export interface Crossover {
  readonly name: string
  readonly family: string
  readonly evalSet: string
  readonly status: CrossoverStatus
  /** The last size with a supported gap of the first sign; the sign changes between it and `size`. Null unless claimed. */
  readonly below: string | null
  /** The first size with a supported gap of the new sign. Null unless claimed. */
  readonly size: string | null
  /** The smallest size from which the point estimates' sign differs from the smallest size's and stays; descriptive only. */
  readonly estimateSize: string | null
}

const RANK = { significant: 2, "item-level only": 1, "not significant": 0 } as const

/** The rows at or above a standing, if their signs change exactly once: [last of the first sign, first of the other]. */
const oneChange = (sorted: ReadonlyArray<GapRow>, rank: number): [GapRow, GapRow] | null => {
  const rs = sorted.filter((r) => RANK[r.claim] >= rank && r.estimate !== 0)
  const changes = rs.flatMap((r, i) => (i > 0 && Math.sign(r.estimate) !== Math.sign((rs[i - 1] as GapRow).estimate) ? [i] : []))
  return changes.length === 1 ? [rs[(changes[0] as number) - 1] as GapRow, rs[changes[0] as number] as GapRow] : null
}

const estimateChange = (sorted: ReadonlyArray<GapRow>): string | null => {
  const signs = sorted.map((r) => Math.sign(r.estimate))
  let at: number | null = null
  for (let i = signs.length - 1; i > 0 && signs[i] === signs[signs.length - 1] && signs[i] !== signs[0]; i--) at = i
  return at === null ? null : (sorted[at] as GapRow).size
}

/** One crossover per (gap name, family, eval set), sizes ordered by parameter count. */
export const crossovers = (rows: ReadonlyArray<GapRow>): Array<Crossover> => {
  const series = new Map<string, Array<GapRow>>()
  for (const r of rows) {
    const k = [r.name, r.family, r.evalSet].join("\u0000")
    series.set(k, [...(series.get(k) ?? []), r])
  }
  return [...series.values()].map((rs) => {
    const sorted = rs.slice().sort((a, b) => a.params - b.params)
    const first = sorted[0] as GapRow
    const estimateSize = estimateChange(sorted)
    const strong = oneChange(sorted, 2)
    const weak = strong ? null : oneChange(sorted, 1)
    const pair = strong ?? weak
    const signs = new Set(sorted.map((r) => Math.sign(r.estimate)).filter((x) => x !== 0))
    const status: CrossoverStatus = strong ? "established" : weak ? "item-level only" : signs.size > 1 ? "not established" : "none"
    return { name: first.name, family: first.family, evalSet: first.evalSet, status, below: pair ? pair[0].size : null, size: pair ? pair[1].size : null, estimateSize }
  })
}
