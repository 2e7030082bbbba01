// Failure taxonomy of student answers: looping, truncated, no final answer, reasoning/answer disagreement, wrong.
import type { EvalRecord } from "./types.ts"

/** The outcome class of one answer; classes other than `correct` are failures, checked in the order listed. */
export type Outcome = "correct" | "looping" | "truncated" | "no-answer" | "disagree" | "wrong"

/** All outcome classes, in report order. */
export const OUTCOMES: ReadonlyArray<Outcome> = ["correct", "looping", "truncated", "no-answer", "disagree", "wrong"]

/** Count per outcome class. */
export type TaxonomyCounts = Readonly<Record<Outcome, number>>

// Final-answer markers, most specific first: the last occurrence of the first kind present is the marker.
const MARKERS: ReadonlyArray<RegExp> = [/final answer/gi, /\\boxed\s*\{/g, /<answer>/gi, /\banswer\s*:/gi, /####/g]
const NUMBER = /\\[dt]?frac\{\s*(-?\d+(?:\.\d+)?)\s*\}\{\s*(-?\d+(?:\.\d+)?)\s*\}|(-?\d+(?:,\d{3})*(?:\.\d+)?)(?:\s*\/\s*(\d+(?:\.\d+)?))?/g

const numberOf = (m: RegExpMatchArray): number | null => {
  const value = m[1] !== undefined ? Number(m[1]) / Number(m[2]) : Number((m[3] ?? "").replace(/,/g, "")) / (m[4] !== undefined ? Number(m[4]) : 1)
  return Number.isFinite(value) ? value : null
}

/** Position of the final-answer marker in a text, or null when it has none. */
export const finalAnswerMarker = (text: string): number | null => {
  for (const re of MARKERS) {
    const hits = [...text.matchAll(re)]
    const last = hits[hits.length - 1]
    if (last?.index !== undefined) return last.index
  }
  return null
}

/** The last number (integer, decimal, a/b or \frac{a}{b}) in a text, or null. */
export const lastNumber = (text: string): number | null => {
  const hits = [...text.matchAll(NUMBER)]
  const last = hits[hits.length - 1]
  return last ? numberOf(last) : null
}

/** The numeric value of an extracted final answer (after removing $, %, \boxed, \text{...}, thousands commas), or null. */
export const answerNumber = (extracted: string): number | null => {
  const cleaned = extracted
    .replace(/\\boxed\s*\{([^]*)\}/, "$1")
    .replace(/\\text\{[^}]*\}/g, "")
    .replace(/\\[!,;]|\\left|\\right|\\\$|\$|\\%|%|\s/g, "")
  const m = /^(?:\\[dt]?frac\{(-?\d+(?:\.\d+)?)\}\{(-?\d+(?:\.\d+)?)\}|(-?\d+(?:,\d{3})*(?:\.\d+)?)(?:\/(\d+(?:\.\d+)?))?)$/.exec(cleaned)
  return m ? numberOf(m) : null
}

/**
 * Heuristic: the reasoning disagrees with the final answer when both the last number written before the
 * final-answer marker and the extracted answer are numbers and they differ (relative tolerance 1e-6).
 * Returns false whenever either side is missing or not numeric (the check cannot tell).
 */
export const reasoningDisagrees = (text: string, extracted: string | null): boolean => {
  if (extracted === null) return false
  const marker = finalAnswerMarker(text)
  if (marker === null) return false
  const reasoned = lastNumber(text.slice(0, marker))
  const answered = answerNumber(extracted)
  if (reasoned === null || answered === null) return false
  return Math.abs(reasoned - answered) > 1e-6 * Math.max(1, Math.abs(answered))
}

/** The outcome class of one record. */
export const classify = (r: EvalRecord): Outcome => {
  if (r.verdict === "correct") return "correct"
  if (r.stopReason === "loop") return "looping"
  if (r.stopReason === "max_tokens") return "truncated"
  if (r.verdict === "unparseable") return "no-answer"
  if (reasoningDisagrees(r.text, r.extracted)) return "disagree"
  return "wrong"
}

/** Counts of outcome classes over records. */
export const taxonomy = (records: ReadonlyArray<EvalRecord>): TaxonomyCounts => {
  const counts: Record<Outcome, number> = { correct: 0, looping: 0, truncated: 0, "no-answer": 0, disagree: 0, wrong: 0 }
  for (const r of records) counts[classify(r)]++
  return counts
}
