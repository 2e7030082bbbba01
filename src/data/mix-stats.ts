// Statistics of a built mix: counts, tokens, mean trace length and shares per source teacher.
import { compareStrings } from "./prng.ts"

/** One row of a mix manifest: which teacher's trace is used for which problem. */
export interface MixRow {
  readonly problemId: string
  readonly teacher: string
  readonly sampleIndex: number
  readonly text: string
  readonly thoughts?: string
  readonly tokens: number
}

/** Statistics for one source teacher of a mix. Shares are fractions in [0, 1]. */
export interface MixSourceStats {
  readonly teacher: string
  /** The normalised weight asked for. */
  readonly weight: number
  readonly count: number
  readonly tokens: number
  readonly meanTokens: number
  readonly shareExamples: number
  readonly shareTokens: number
}

/** Statistics for a whole mix. */
export interface MixStats {
  readonly count: number
  readonly problems: number
  readonly tokens: number
  readonly meanTokens: number
  readonly sources: ReadonlyArray<MixSourceStats>
}

/** Computes the statistics of mix rows; `weights` are the normalised weights (teachers without rows get zeros). */
export const mixStats = (rows: ReadonlyArray<Pick<MixRow, "problemId" | "teacher" | "tokens">>, weights: Readonly<Record<string, number>>): MixStats => {
  const per = new Map<string, { count: number; tokens: number }>()
  for (const t of Object.keys(weights)) per.set(t, { count: 0, tokens: 0 })
  let tokens = 0
  for (const r of rows) {
    const s = per.get(r.teacher) ?? { count: 0, tokens: 0 }
    s.count++
    s.tokens += r.tokens
    per.set(r.teacher, s)
    tokens += r.tokens
  }
  const count = rows.length
  const sources = [...per.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([teacher, s]) => ({
      teacher,
      weight: weights[teacher] ?? 0,
      count: s.count,
      tokens: s.tokens,
      meanTokens: s.count === 0 ? 0 : s.tokens / s.count,
      shareExamples: count === 0 ? 0 : s.count / count,
      shareTokens: tokens === 0 ? 0 : s.tokens / tokens
    }))
  return {
    count,
    problems: new Set(rows.map((r) => r.problemId)).size,
    tokens,
    meanTokens: count === 0 ? 0 : tokens / count,
    sources
  }
}
