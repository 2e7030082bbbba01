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

/** Per eval set, the eval rows whose question also appears among the training rows (in eval order). */
export const findLeakDetails = (
  train: ReadonlyArray<Row>,
  evals: Readonly<Record<string, ReadonlyArray<Row>>>
): Record<string, ReadonlyArray<Leak>> => {
  const byKey = new Map<string, Array<string>>()
  const byGram = new Map<string, Array<number>>()
  const trainNumbers = train.map((r) => numbersOf(normaliseText(r.question)))
  const trainGrams = train.map((r) => new Set(ngrams(normaliseText(r.question).split(" "))).size)
  train.forEach((row, index) => {
    const key = questionKey(row)
    const ids = byKey.get(key)
    if (ids === undefined) byKey.set(key, [row.id])
    else ids.push(row.id)
    const image = imageIdentity(row)
    for (const g of new Set(ngrams(normaliseText(row.question).split(" ")))) {
      const k = `${image}\u0000${g}`
      const list = byGram.get(k)
      if (list === undefined) byGram.set(k, [index])
      else if (list[list.length - 1] !== index) list.push(index)
    }
  })
  const near = (row: Row): Leak | undefined => {
    const text = normaliseText(row.question)
    const grams = [...new Set(ngrams(text.split(" ")))]
    if (grams.length === 0) return undefined
    const numbers = numbersOf(text)
    const hits = new Map<number, number>()
    const image = imageIdentity(row)
    for (const g of grams) {
      for (const i of byGram.get(`${image}\u0000${g}`) ?? []) if (trainNumbers[i] === numbers) hits.set(i, (hits.get(i) ?? 0) + 1)
    }
    let best = 0
    let bestIds: string[] = []
    for (const [i, count] of hits) {
      const share = Math.max(count / grams.length, count / trainGrams[i]!)
      if (share > best) { best = share; bestIds = [train[i]!.id] } else if (share === best) bestIds.push(train[i]!.id)
    }
    if (best < CONTAINMENT) return undefined
    const share = best
    const ids = bestIds
    return { evalId: row.id, trainIds: ids, match: "near", containment: Math.round(share * 1000) / 1000 }
  }
  const result: Record<string, ReadonlyArray<Leak>> = {}
  for (const [name, rows] of Object.entries(evals)) {
    result[name] = rows.flatMap((row) => {
      const trainIds = byKey.get(questionKey(row))
      if (trainIds !== undefined) return [{ evalId: row.id, trainIds, match: "exact" as const }]
      const n = near(row)
      return n === undefined ? [] : [n]
    })
  }
  return result
}

/** Per eval set, the ids of eval rows whose question also appears among the training rows. */
export const findLeaks = (
  train: ReadonlyArray<Row>,
  evals: Readonly<Record<string, ReadonlyArray<Row>>>
): Record<string, ReadonlyArray<string>> =>
  Object.fromEntries(Object.entries(findLeakDetails(train, evals)).map(([name, leaks]) => [name, leaks.map((l) => l.evalId)]))
