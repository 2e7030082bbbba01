// The answer a reference holds: itself, or the final answer of a worked solution (a box, a `####` line, a final-answer sentence).
import { allBoxed } from "./boxed.ts"
import { answersEqual } from "./equivalence.ts"
import { cleanExtracted, extractAnswer } from "./extract.ts"

/** Words that mark a reference as a solution with its answer inside rather than a bare answer. */
const solutionMarker = /final\s+answer|answer\s+is|^\s*####/im

/**
 * The answer to compare against: a reference with `\boxed{}` gives its box (several boxes: all, as a list),
 * a GSM8K solution the text after `####`, a final-answer text or several lines of prose what the extractors find in it.
 * A bare answer is returned unchanged.
 */
export const referenceAnswer = (ref: string): string => {
  // A solution that boxes the same answer twice (two methods, `15\frac{39}{40}` or `\frac{639}{40}`) has one answer.
  const boxes = allBoxed(ref).map(cleanExtracted).filter((b) => b !== "")
    .filter((b, i, all) => !all.slice(0, i).some((earlier) => earlier === b || answersEqual(earlier, b)))
  if (boxes.length === 1) return boxes[0]!
  if (boxes.length > 1) return boxes.join(", ")
  const hash = /####\s*([^\n]+)\s*$/.exec(ref)
  if (hash !== null) return hash[1]!.trim()
  // A bare answer written over several lines (a matrix) has no prose; a solution has sentences.
  const prose = (ref.replace(/\\[A-Za-z]+/g, " ").match(/[A-Za-z]{3,}/g)?.length ?? 0) >= 3
  if (!(ref.trim().includes("\n") && prose) && !solutionMarker.test(ref)) return ref
  return extractAnswer(ref, { extractors: ["final-answer", "answer-tag", "answer-is", "math-span", "last-number"] })?.answer ?? ref
}
