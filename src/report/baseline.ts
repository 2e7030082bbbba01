// The constant-answer baseline: what answering one fixed value to every problem of an eval set would score.
import type { EvalRecord } from "./types.ts"

/** The best constant answer of one eval set and its accuracy. */
export interface ConstantBaseline {
  readonly evalSet: string
  /** The most common reference answer (ties broken by the answer text). */
  readonly answer: string
  /** Accuracy in % of answering `answer` everywhere, over distinct samples. */
  readonly accuracy: number
  readonly n: number
}

/**
 * Per eval set, the accuracy of always giving its most common reference answer. On a task whose answers
 * take few values this is well above 0, and a student near it has learned little.
 */
export const constantBaselines = (evals: ReadonlyArray<EvalRecord>): ReadonlyArray<ConstantBaseline> => {
  const refs = new Map<string, Map<string, string>>()
  for (const e of evals) {
    const set = refs.get(e.evalSet) ?? new Map<string, string>()
    set.set(e.sampleId, e.reference.trim())
    refs.set(e.evalSet, set)
  }
  return [...refs.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([evalSet, bySample]) => {
    const counts = new Map<string, number>()
    for (const r of bySample.values()) counts.set(r, (counts.get(r) ?? 0) + 1)
    const [answer, count] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!
    return { evalSet, answer, accuracy: (100 * count) / bySample.size, n: bySample.size }
  })
}
