// ChartQA-style relaxed accuracy: numbers within a relative tolerance, text case-insensitively, `[a, b]` lists.
import { cleanLatex, textKey } from "./normalize.ts"
import { parseNumber } from "./numbers.ts"

const listItems = (s: string): ReadonlyArray<string> | null => {
  const m = /^\[(.*)\]$/s.exec(s.trim())
  return m === null ? null : m[1]!.split(",").map((x) => x.trim().replace(/^['"]|['"]$/g, "")).filter((x) => x !== "")
}

const numberOf = (s: string): number | null => parseNumber(cleanLatex(s))?.value ?? null

/** One value: numeric within `tolerance` of the reference (exact for 0), else equal text keys. */
export const relaxedValueMatch = (pred: string, ref: string, tolerance: number): boolean => {
  const r = numberOf(ref)
  if (r !== null) {
    const p = numberOf(pred)
    if (p === null) return false
    return r === 0 ? p === 0 : Math.abs(p - r) <= tolerance * Math.abs(r)
  }
  const key = textKey(cleanLatex(ref))
  return key !== "" && textKey(cleanLatex(pred)) === key
}

/**
 * Relaxed match of an extracted prediction against a ChartQA label. A list label `[a, b]` matches a
 * prediction list of the same length (brackets optional) whose elements match its elements one to one.
 */
export const relaxedMatch = (pred: string, ref: string, tolerance: number): boolean => {
  const refItems = listItems(ref)
  if (refItems === null || refItems.length === 0) return relaxedValueMatch(pred, ref, tolerance)
  const predItems = listItems(pred) ?? pred.split(",").map((x) => x.trim()).filter((x) => x !== "")
  if (predItems.length !== refItems.length) return false
  const free = [...predItems]
  return refItems.every((r) => {
    const i = free.findIndex((p) => relaxedValueMatch(p, r, tolerance))
    if (i >= 0) free.splice(i, 1)
    return i >= 0
  })
}
