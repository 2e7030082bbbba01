// The chain judge: rules first, an LLM judge only where the rule verdict cannot be trusted.
import * as Effect from "effect/Effect"
import type { JudgeInput, JudgeService, Verdict, VerdictLabel } from "../../../src/plugins/index.ts"

/** Which rule verdicts go to the LLM, and what it sees. */
export interface ChainOptions {
  /** Rule verdicts the rules cannot decide alone (default: incorrect and unparseable). */
  readonly llmOn?: ReadonlyArray<VerdictLabel> | undefined
  /** Send the whole prediction (default) or only the answer the rules extracted, when there is one. */
  readonly llmInput?: "prediction" | "extracted" | undefined
}

/** The rule verdicts that are sent to the LLM unless configured otherwise. */
export const defaultLlmOn: ReadonlyArray<VerdictLabel> = ["incorrect", "unparseable"]

/**
 * Rules decide when their verdict is not in `llmOn`; otherwise the LLM decides. An unparseable LLM
 * reply leaves the rule verdict standing. The verdict records both labels and `by`. A bad reference
 * fails at the rules and never reaches the LLM.
 */
export const makeChainJudge = (rules: JudgeService, llm: JudgeService, options: ChainOptions = {}): JudgeService => {
  const llmOn = options.llmOn ?? defaultLlmOn
  return {
    usesModel: true,
    judge: (input: JudgeInput) =>
      Effect.gen(function*() {
        const r = yield* rules.judge(input)
        if (!llmOn.includes(r.verdict)) {
          return { ...withDetail(r.detail), verdict: r.verdict, extracted: r.extracted, by: "rules", rules: r.verdict } satisfies Verdict
        }
        const pred = options.llmInput === "extracted" && r.extracted !== null ? r.extracted : input.pred
        const l = yield* llm.judge({ ...input, pred })
        const decided = l.verdict !== "unparseable"
        return {
          ...withDetail(l.detail ?? r.detail),
          verdict: decided ? l.verdict : r.verdict,
          extracted: r.extracted,
          by: decided ? "llm" : "rules",
          rules: r.verdict,
          llm: l.verdict
        } satisfies Verdict
      })
  }
}

const withDetail = (detail: string | undefined): { readonly detail?: string } => (detail === undefined ? {} : { detail })
