// Train/eval leakage check: exact matches of normalised questions, and near-duplicates by word n-gram containment.
import { createHash } from "node:crypto"
import type { Row } from "../plugins/dataset.ts"
import { normaliseText } from "./question-normalise.ts"

export { normaliseText } from "./question-normalise.ts"

/** Word n-gram length of the near-duplicate check (lm-eval and GPT-3 use 13 on long documents; questions are short). */
export const NGRAM = 8
/**
 * An eval question is a near-duplicate of a training question when both hold the same numbers and one contains
 * nearly all n-grams of the other (an appended instruction or sentence, a copy inside a longer prompt), as the
 * n-gram containment of GPT-3's and lm-eval's decontamination; templated questions that differ in one operator
 * word, or in their numbers, stay apart.
 */
export const CONTAINMENT = 0.9

/** Hex SHA-256 of a string. */
export const sha256Hex = (text: string): string => createHash("sha256").update(text).digest("hex")

const imageIdentity = (row: Row): string => {
  if (row.image === undefined) return ""
  if (row.image.sha256 !== undefined) return row.image.sha256
  const parts = row.image.path.split(/[\\/]/u)
  return parts[parts.length - 1] ?? ""
}

/**
 * The comparison key of a row: hash of its normalised question, joined with its image's identity (content digest,
 * else file name) when it has one: the same templated question over two different charts is not a leak.
 */
export const questionKey = (row: Row): string => sha256Hex(`${normaliseText(row.question)}\u0000${imageIdentity(row)}`)

/** One eval row that also appears in the training set: exactly after normalisation, or as a near-duplicate. */
export interface Leak {
  readonly evalId: string
  readonly trainIds: ReadonlyArray<string>
  readonly match?: "exact" | "near"
  /** For near-duplicates: the share of the eval question's n-grams found in the closest training question. */
  readonly containment?: number
}

/** The numbers a normalised question holds, in order: a near-duplicate must hold the same ones (other numbers, other problem). */
const numbersOf = (normalised: string): string => normalised.split(" ").filter((w) => /^\d+(?:\.\d+)?$/u.test(w)).join(" ")

const ngrams = (words: ReadonlyArray<string>): ReadonlyArray<string> => {
  const out: string[] = []
  for (let i = 0; i + NGRAM <= words.length; i++) out.push(words.slice(i, i + NGRAM).join(" "))
  return out
}

/** An eval row as the check indexes it. */
interface EvalEntry {
  readonly set: string
  readonly row: Row
  readonly numbers: string
  readonly grams: number
  /** Training ids with the same key, in training order. */
  readonly exact: Array<string>
  /** The closest training rows at or above CONTAINMENT: their share, and ids with the order of their first shared n-gram. */
  best: number
  near: Array<{ readonly id: string; readonly first: number; readonly index: number }>
}

/**
 * Per eval set, the eval rows whose question also appears among the training rows (in eval order). The eval sets
 * are indexed and the training rows streamed past them once, so memory follows the eval sets, not the training set.
 */
export const findLeakDetails = (
  train: Iterable<Row>,
  evals: Readonly<Record<string, ReadonlyArray<Row>>>
): Record<string, ReadonlyArray<Leak>> => {
  const entries: Array<EvalEntry> = []
  const byKey = new Map<string, Array<EvalEntry>>()
  // n-gram (behind its image's identity) -> the eval entries holding it, with its position among their n-grams
  const byGram = new Map<string, Array<readonly [EvalEntry, number]>>()
  for (const [set, rows] of Object.entries(evals)) {
    for (const row of rows) {
      const text = normaliseText(row.question)
      const image = imageIdentity(row)
      const grams = [...new Set(ngrams(text.split(" ")))]
      const entry: EvalEntry = { set, row, numbers: numbersOf(text), grams: grams.length, exact: [], best: 0, near: [] }
      entries.push(entry)
      const key = sha256Hex(`${text}\u0000${image}`)
      const same = byKey.get(key)
      if (same === undefined) byKey.set(key, [entry])
      else same.push(entry)
      grams.forEach((g, position) => {
        const k = `${image}\u0000${g}`
        const list = byGram.get(k)
        if (list === undefined) byGram.set(k, [[entry, position]])
        else list.push([entry, position])
      })
    }
  }
  let index = 0
  for (const row of train) {
    const text = normaliseText(row.question)
    const image = imageIdentity(row)
    for (const entry of byKey.get(sha256Hex(`${text}\u0000${image}`)) ?? []) entry.exact.push(row.id)
    const numbers = numbersOf(text)
    const grams = new Set(ngrams(text.split(" ")))
    const hits = new Map<EvalEntry, { count: number; first: number }>()
    for (const g of grams) {
      for (const [entry, position] of byGram.get(`${image}\u0000${g}`) ?? []) {
        if (entry.numbers !== numbers) continue
        const hit = hits.get(entry)
        if (hit === undefined) hits.set(entry, { count: 1, first: position })
        else { hit.count += 1; hit.first = Math.min(hit.first, position) }
      }
    }
    for (const [entry, { count, first }] of hits) {
      const share = Math.max(count / entry.grams, count / grams.size)
      if (share < CONTAINMENT || share < entry.best) continue
      if (share > entry.best) { entry.best = share; entry.near = [] }
      entry.near.push({ id: row.id, first, index })
    }
    index += 1
  }
  const result: Record<string, Array<Leak>> = Object.fromEntries(Object.keys(evals).map((set) => [set, []]))
  for (const e of entries) {
    if (e.exact.length > 0) result[e.set]!.push({ evalId: e.row.id, trainIds: e.exact, match: "exact" })
    else if (e.near.length > 0) {
      const ids = [...e.near].sort((a, b) => a.first - b.first || a.index - b.index).map((n) => n.id)
      result[e.set]!.push({ evalId: e.row.id, trainIds: ids, match: "near", containment: Math.round(e.best * 1000) / 1000 })
    }
  }
  return result
}

/** Per eval set, the ids of eval rows whose question also appears among the training rows. */
export const findLeaks = (
  train: Iterable<Row>,
  evals: Readonly<Record<string, ReadonlyArray<Row>>>
): Record<string, ReadonlyArray<string>> =>
  Object.fromEntries(Object.entries(findLeakDetails(train, evals)).map(([name, leaks]) => [name, leaks.map((l) => l.evalId)]))
