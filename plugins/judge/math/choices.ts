// Multiple-choice answers: maps a letter ("(B)", "B.", "Option B") or an option's text to the option's index.
import { cleanLatex, compact } from "./normalize.ts"

/** The index named by a leading option letter, or null. Bare letters must be upper case; "(b)" may not. */
export const choiceLetter = (answer: string, count: number): number | null => {
  const t = cleanLatex(answer).replace(/^(?:the\s+)?(?:correct\s+)?(?:option|choice|answer)\s*(?:is)?\s*:?\s*/i, "")
  // "B or C", "A and D": two options named, neither chosen.
  if (/^\(?[A-Za-z]\)?\s*(?:,|\bor\b|\band\b|\/)\s*\(?[A-Z]\)?(?:$|[\s.,)])/.test(t)) return null
  const m = /^\(([A-Za-z])\)|^([A-Z])(?=$|[.:)\s])/.exec(t)
  if (m === null) return null
  const index = (m[1] ?? m[2]!).toUpperCase().charCodeAt(0) - 65
  return index < count ? index : null
}

/** The index of the first option equal to the answer: exact text first, then by `equal`. */
export const choiceByText = (
  answer: string,
  choices: ReadonlyArray<string>,
  equal: (a: string, b: string) => boolean
): number | null => {
  const key = compact(cleanLatex(answer)).toLowerCase()
  const exact = choices.findIndex((c) => compact(cleanLatex(c)).toLowerCase() === key)
  if (exact >= 0) return exact
  const loose = choices.findIndex((c) => equal(answer, c))
  return loose >= 0 ? loose : null
}

/** Which option a reference names: its text first (MathVista stores texts), then a letter. */
export const referenceChoice = (ref: string, choices: ReadonlyArray<string>, equal: (a: string, b: string) => boolean): number | null =>
  choiceByText(ref, choices, equal) ?? choiceLetter(ref, choices.length)

/**
 * Which option a prediction names: an option's exact text first (options may themselves look like letters,
 * `(b)` listed fifth), then a letter (models answer "B"), then an option's text in any case or equal to it.
 */
export const predictedChoice = (pred: string, choices: ReadonlyArray<string>, equal: (a: string, b: string) => boolean): number | null => {
  // Case-sensitive here: "(E)" is a letter even when "(e)" is an option.
  const key = compact(cleanLatex(pred))
  const exact = choices.findIndex((c) => compact(cleanLatex(c)) === key)
  return exact >= 0 ? exact : choiceLetter(pred, choices.length) ?? choiceByText(pred, choices, equal)
}
