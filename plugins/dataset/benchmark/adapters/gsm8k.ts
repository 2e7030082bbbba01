// GSM8K adapter: the reference is the number after the last `####` of the worked answer, commas removed.
import { badReference, missing, text, type BenchmarkAdapter } from "../adapter.ts"

/** The final answer of a GSM8K worked solution, or null when it has no `####` line. */
export const gsm8kFinalAnswer = (solution: string): string | null => {
  const at = solution.lastIndexOf("####")
  if (at < 0) return null
  const answer = solution.slice(at + 4).trim().replace(/,/gu, "")
  return answer === "" ? null : answer
}

export const gsm8k: BenchmarkAdapter = {
  name: "gsm8k",
  defaultFormat: "jsonl",
  toRow: (record, index) => {
    const question = text(record, "question")
    if (question === null) return missing("gsm8k", index, "question")
    const solution = text(record, "answer")
    const reference = solution === null ? null : gsm8kFinalAnswer(solution)
    if (solution === null || reference === null) return badReference("gsm8k", index, "answer has no '#### <number>' line")
    const worked = solution.slice(0, solution.lastIndexOf("####")).trim()
    return { id: `gsm8k-${index}`, question, reference, answerKind: "number", meta: { solution: worked } }
  }
}
