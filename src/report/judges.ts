// Chain-judge statistics: accuracy by the rule stage and by the LLM stage, and how often the two disagree.
import type { EvalRecord } from "./types.ts"

/** Accuracies in percent, each over the records that carry that stage's verdict. */
export interface ChainJudgeStats {
  readonly rulesN: number
  readonly rulesAccuracy: number | null
  readonly llmN: number
  readonly llmAccuracy: number | null
  /** Records with both verdicts. */
  readonly bothN: number
  /** Percent of `bothN` records where the two verdicts differ. */
  readonly disagreement: number | null
}

const pct = (k: number, n: number): number | null => (n === 0 ? null : (100 * k) / n)

/** Chain-judge statistics of records, or undefined when none carries a `rules` or `llm` verdict. */
export const chainJudgeStats = (records: ReadonlyArray<EvalRecord>): ChainJudgeStats | undefined => {
  let rulesN = 0, rulesOk = 0, llmN = 0, llmOk = 0, bothN = 0, differ = 0
  for (const r of records) {
    if (r.rules !== undefined) {
      rulesN++
      if (r.rules === "correct") rulesOk++
    }
    if (r.llm !== undefined) {
      llmN++
      if (r.llm === "correct") llmOk++
    }
    if (r.rules !== undefined && r.llm !== undefined) {
      bothN++
      if (r.rules !== r.llm) differ++
    }
  }
  if (rulesN === 0 && llmN === 0) return undefined
  return { rulesN, rulesAccuracy: pct(rulesOk, rulesN), llmN, llmAccuracy: pct(llmOk, llmN), bothN, disagreement: pct(differ, bothN) }
}
