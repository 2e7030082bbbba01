// The math judge service: extract the final answer, check the reference, compare.
import * as Effect from "effect/Effect"
import { JudgeError, type JudgeInput, type JudgeService, type Verdict } from "../../../src/plugins/index.ts"
import { referenceAnswer } from "./reference.ts"
import { parseShape } from "./structure.ts"
import { defaultEquivalence, judgeAnswer, type EquivalenceOptions } from "./equivalence.ts"
import { extractAnswer, extractorNames, type ExtractorName } from "./extract.ts"
import { cleanLatex } from "./normalize.ts"
import { bracesBalanced } from "./structure.ts"

/** A judge input; `precision` (MathVista's decimal places, both numbers rounded to it first) may also be null. */
export type MathJudgeInput = Omit<JudgeInput, "precision"> & { readonly precision?: number | null }

/** How many answers a reference lists (`1, -2` -> 2); 1 for a single answer. */
const listLength = (ref: string): number => {
  const shape = parseShape(cleanLatex(ref))
  return shape.kind === "set" && shape.bare ? shape.items.length : 1
}

/** The `with:` block of the math judge (every field has a default). */
export interface MathJudgeConfig {
  readonly extractors?: ReadonlyArray<ExtractorName>
  readonly whole_max_chars?: number
  readonly rel_tol?: number
  readonly relaxed_tolerance?: number
  readonly symbolic?: boolean
}

const placeholder = /^(?:none|null|nan|undefined|n\/a|-)$/i

/** Why a reference cannot be used, or null when it can. */
export const referenceProblem = (ref: string): string | null => {
  const t = ref.trim()
  if (t === "") return "the reference answer is empty"
  if (placeholder.test(t)) return `the reference answer is a placeholder ('${t}')`
  if (!bracesBalanced(t)) return "the reference answer has unbalanced braces"
  if (cleanLatex(t) === "") return "the reference answer is empty once cleaned"
  return null
}

/** Grades one input synchronously; fails only for an unusable reference. */
export const gradeMath = (input: MathJudgeInput, config: MathJudgeConfig = {}): Verdict | JudgeError => {
  const problem = referenceProblem(input.ref)
  if (problem !== null) return new JudgeError({ reason: "bad-reference", message: problem })
  const extraction = extractAnswer(input.pred, {
    extractors: config.extractors ?? extractorNames,
    wholeMaxChars: config.whole_max_chars ?? 40
  })
  if (extraction === null) return { verdict: "unparseable", extracted: null, by: "rules", detail: "no answer found" }
  const options: EquivalenceOptions = {
    relTol: config.rel_tol ?? defaultEquivalence.relTol,
    relaxedTolerance: config.relaxed_tolerance ?? defaultEquivalence.relaxedTolerance,
    symbolic: config.symbolic ?? defaultEquivalence.symbolic
  }
  const inChoices = input.choices?.includes(input.ref) ?? false
  const ref = inChoices || input.answerKind === "relaxed-number" ? input.ref : referenceAnswer(input.ref)
  const hints = { choices: input.choices, answerKind: input.answerKind, precision: input.precision ?? undefined }
  // Several boxes answer a reference that lists several answers (`\boxed{2}, \boxed{-3}` for `-3, 2`) when the last does not.
  const k = extraction.boxes === undefined ? 1 : listLength(ref)
  const joined = k > 1 && extraction.boxes!.length >= k ? extraction.boxes!.slice(-k).join(", ") : null
  const lastCorrect = judgeAnswer(extraction.answer, ref, hints, options)
  const answer = !lastCorrect && joined !== null ? joined : extraction.answer
  const correct = lastCorrect || (joined !== null && judgeAnswer(joined, ref, hints, options))
  return {
    verdict: correct ? "correct" : "incorrect",
    extracted: answer,
    by: "rules",
    detail: `extracted by ${extraction.method}`
  }
}

/** The deterministic math judge as a JudgeService. */
export const makeMathJudge = (config: MathJudgeConfig = {}): JudgeService => ({
  usesModel: false,
  judge: (input) => Effect.suspend(() => {
    const result = gradeMath(input, config)
    return result instanceof JudgeError ? Effect.fail(result) : Effect.succeed(result)
  })
})
