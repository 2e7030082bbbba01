// Train/eval leakage check: questions compared by a hash of their normalised text (plus image name, if any).
import { createHash } from "node:crypto"
import type { Row } from "../plugins/dataset.ts"

const LATEX_SPACING = /\\(?:[,;:! ]|quad\b|qquad\b|enspace\b|thinspace\b|medspace\b|thickspace\b|hspace\{[^}]*\}|left\b|right\b)/gu
const FRAC_VARIANTS = /\\[dt]frac\b/gu
const PUNCT_OR_SYMBOL = /[\p{P}\p{S}]+/gu

/**
 * Normalises a question for comparison: Unicode NFKC, lowercase, LaTeX spacing and `\left`/`\right` removed,
 * `\dfrac`/`\tfrac` read as `\frac`, punctuation and symbols turned into spaces, whitespace collapsed.
 */
export const normaliseText = (text: string): string =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(LATEX_SPACING, " ")
    .replace(FRAC_VARIANTS, "\\frac")
    .replace(/~/gu, " ")
    .replace(PUNCT_OR_SYMBOL, " ")
    .replace(/\s+/gu, " ")
    .trim()

/** Hex SHA-256 of a string. */
export const sha256Hex = (text: string): string => createHash("sha256").update(text).digest("hex")

const imageName = (row: Row): string => {
  if (row.image === undefined) return ""
  const parts = row.image.path.split(/[\\/]/u)
  return parts[parts.length - 1] ?? ""
}

/**
 * The comparison key of a row: hash of its normalised question, joined with the image file name when the row
 * has an image (the same templated question over two different charts is not a leak).
 */
export const questionKey = (row: Row): string => sha256Hex(`${normaliseText(row.question)}\u0000${imageName(row)}`)

/** One eval row that also appears in the training set. */
export interface Leak {
  readonly evalId: string
  readonly trainIds: ReadonlyArray<string>
}

/** Per eval set, the eval rows whose question also appears among the training rows (in eval order). */
export const findLeakDetails = (
  train: ReadonlyArray<Row>,
  evals: Readonly<Record<string, ReadonlyArray<Row>>>
): Record<string, ReadonlyArray<Leak>> => {
  const byKey = new Map<string, Array<string>>()
  for (const row of train) {
    const key = questionKey(row)
    const ids = byKey.get(key)
    if (ids === undefined) byKey.set(key, [row.id])
    else ids.push(row.id)
  }
  const result: Record<string, ReadonlyArray<Leak>> = {}
  for (const [name, rows] of Object.entries(evals)) {
    result[name] = rows.flatMap((row) => {
      const trainIds = byKey.get(questionKey(row))
      return trainIds === undefined ? [] : [{ evalId: row.id, trainIds }]
    })
  }
  return result
}

/** Per eval set, the ids of eval rows whose normalised question also appears among the training rows. */
export const findLeaks = (
  train: ReadonlyArray<Row>,
  evals: Readonly<Record<string, ReadonlyArray<Row>>>
): Record<string, ReadonlyArray<string>> =>
  Object.fromEntries(Object.entries(findLeakDetails(train, evals)).map(([name, leaks]) => [name, leaks.map((l) => l.evalId)]))
