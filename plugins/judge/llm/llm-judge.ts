// The LLM-as-judge service: asks a teacher model whether a prediction matches the reference.
import * as Effect from "effect/Effect"
import { JudgeError, type JudgeInput, type JudgeService, type TeacherService, type Verdict } from "../../../src/plugins/index.ts"
import { referenceProblem } from "../math/math-judge.ts"
import { parseJudgement } from "./parse.ts"
import { defaultJudgePrompt, renderPrompt } from "./prompt.ts"

/** How the judge talks to its model. */
export interface LlmJudgeOptions {
  /** Prompt template with `{question}`, `{ref}`, `{pred}`, `{choices}` slots (default: the paper's True/False prompt). */
  readonly prompt?: string | undefined
  /** Optional system message. */
  readonly system?: string | undefined
  /** Reply budget in tokens (default 20, as in the paper). */
  readonly maxTokens?: number | undefined
}

const excerpt = (text: string): string => {
  const t = text.trim().replace(/\s+/g, " ")
  return t.length > 200 ? `${t.slice(0, 200)}...` : t
}

/** An LLM judge over any teacher, called at temperature 0 with sample index 0. */
export const makeLlmJudge = (teacher: TeacherService, options: LlmJudgeOptions = {}): JudgeService => ({
  usesModel: true,
  judge: (input: JudgeInput): Effect.Effect<Verdict, JudgeError> => {
    const problem = referenceProblem(input.ref)
    if (problem !== null) return Effect.fail(new JudgeError({ reason: "bad-reference", message: problem }))
    return teacher.generate({
      ...(options.system === undefined ? {} : { system: options.system }),
      prompt: renderPrompt(options.prompt ?? defaultJudgePrompt, input),
      sampling: { temperature: 0, maxTokens: options.maxTokens ?? 20 },
      sampleIndex: 0
    }).pipe(
      Effect.mapError((e) => new JudgeError({
        reason: "llm-failed",
        message: `judge model ${teacher.provider}/${teacher.model} failed (${e.reason}): ${e.message}`
      })),
      Effect.map((completion): Verdict => {
        const label = parseJudgement(completion.text)
        return { verdict: label, extracted: null, by: "llm", llm: label, detail: `judge replied: ${excerpt(completion.text)}` }
      })
    )
  }
})
