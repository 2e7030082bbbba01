// Reads a judge model's reply: True/Yes means correct, False/No means incorrect, anything else unparseable.
import type { VerdictLabel } from "../../../src/plugins/index.ts"

const words: Readonly<Record<string, VerdictLabel>> = {
  true: "correct", yes: "correct", correct: "correct",
  false: "incorrect", no: "incorrect", incorrect: "incorrect"
}

/**
 * The verdict a reply states: its first True/False (or Yes/No, Correct/Incorrect) word, case-insensitive,
 * after dropping any `<think>...</think>` block. "unparseable" when the reply has none.
 */
export const parseJudgement = (reply: string): VerdictLabel => {
  const text = reply.replace(/<think>[\s\S]*?<\/think>/gi, " ")
  const m = /\b(true|false|yes|no|correct|incorrect)\b/i.exec(text)
  return m === null ? "unparseable" : words[m[1]!.toLowerCase()]!
}
