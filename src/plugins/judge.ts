// Judge plugins: a verdict on whether a prediction matches a reference answer.
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import type * as Effect from "effect/Effect"
import type { Plugin } from "./define.ts"
import type { AnswerKind } from "./dataset.ts"

/** What a judge sees. */
export interface JudgeInput {
  readonly pred: string
  readonly ref: string
  readonly question?: string
  readonly choices?: ReadonlyArray<string>
  readonly answerKind?: AnswerKind
  /** Decimal places the reference is given to (MathVista's `precision`): both numbers are rounded to it first. */
  readonly precision?: number
}

/** correct / incorrect, or unparseable when no answer could be extracted from `pred`. */
export type VerdictLabel = "correct" | "incorrect" | "unparseable"

/** A judge's decision. A chain judge fills `rules` and `llm` with both stages' verdicts. */
export interface Verdict {
  readonly verdict: VerdictLabel
  readonly extracted: string | null
  /** Which stage decided: "rules" or "llm". */
  readonly by?: "rules" | "llm"
  readonly rules?: VerdictLabel
  readonly llm?: VerdictLabel
  readonly detail?: string
}

/** A reference that cannot be parsed is a dataset error, never a pass. */
export class JudgeError extends Data.TaggedError("JudgeError")<{
  readonly reason: "bad-reference" | "llm-failed"
  readonly message: string
}> {}

/** The service a judge plugin provides. */
export interface JudgeService {
  readonly judge: (input: JudgeInput) => Effect.Effect<Verdict, JudgeError>
  /** True when the judge calls a model (the engine caches and counts those calls). */
  readonly usesModel: boolean
}

export class Judge extends Context.Service<Judge, JudgeService>()("distill/Judge") {}

/** A judge plugin. */
export type JudgePlugin<Config = any> = Plugin<"judge", Config, Judge, JudgeError>

/** Defines a judge plugin. */
export const defineJudge = <Config>(p: Omit<JudgePlugin<Config>, "kind">): JudgePlugin<Config> =>
  ({ kind: "judge", ...p })
