// The math judge service: extract the final answer, check the reference, compare.
import { Effect } from "effect"
import { JudgeError, type JudgeInput, type JudgeService, type Verdict } from "../../../src/plugins/index.ts"
import { defaultEquivalence, judgeAnswer, type EquivalenceOptions } from "./equivalence.ts"
import { extractAnswer, extractorNames, type ExtractorName } from "./extract.ts"
import { cleanLatex } from "./normalize.ts"
import { bracesBalanced } from "./structure.ts"

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
export const gradeMath = (input: JudgeInput, config: MathJudgeConfig = {}): Verdict | JudgeError => {
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
  const correct = judgeAnswer(extraction.answer, input.ref, { choices: input.choices, answerKind: input.answerKind }, options)
  return {
    verdict: correct ? "correct" : "incorrect",
    extracted: extraction.answer,
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
