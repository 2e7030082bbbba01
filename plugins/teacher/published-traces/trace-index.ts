// Problems matched to published traces by normalised question text (the leakage check's normalisation).
import { normaliseText } from "../../../src/data/question-normalise.ts"
import type { SourceRecord } from "../../dataset/local/read-records.ts"

/** A lookup from a problem to its published trace. */
export interface TraceIndex {
  readonly size: number
  /** The trace for `question`, or undefined when the dataset has none. */
  readonly find: (question: string) => string | undefined
}

const cache = new WeakMap<ReadonlyArray<SourceRecord>, TraceIndex>()

/** Indexes records by their normalised `questionField`; the first trace of a repeated question wins. */
export const traceIndex = (records: ReadonlyArray<SourceRecord>, questionField: string, traceField: string): TraceIndex => {
  const hit = cache.get(records)
  if (hit !== undefined) return hit
  const map = new Map<string, string>()
  for (const r of records) {
    const q = r.value[questionField]
    const t = r.value[traceField]
    if (typeof q !== "string" || typeof t !== "string") continue
    const key = normaliseText(q)
    if (!map.has(key)) map.set(key, t)
  }
  const index = { size: map.size, find: (question: string) => map.get(normaliseText(question)) }
  cache.set(records, index)
  return index
}
