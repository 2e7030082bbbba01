// OlympiadBench adapter: `final_answer` is a list of LaTeX strings; `$` is stripped and several answers become a list.
import type { AnswerKind } from "../../../../src/plugins/index.ts"
import { badReference, missing, text, type BenchmarkAdapter } from "../adapter.ts"

/** An answer without `$` delimiters and outer whitespace. */
export const stripDollars = (s: string): string => s.replace(/\$/gu, "").trim()

const kindOf = (answers: ReadonlyArray<string>, multiple: boolean, answerType: unknown): AnswerKind => {
  if (multiple || answers.length > 1) return "list"
  if (answerType === "Numerical" && /^-?\d+(?:\.\d+)?$/u.test(answers[0] ?? "")) return "number"
  return "expression"
}

export const olympiadbench: BenchmarkAdapter = {
  name: "olympiadbench",
  defaultFormat: "jsonl",
  toRow: (record, index) => {
    const body = text(record, "question") ?? text(record, "problem")
    if (body === null) return missing("olympiadbench", index, "question")
    const context = text(record, "context")
    const raw = record.value["final_answer"]
    const list = Array.isArray(raw) ? raw : typeof raw === "string" ? [raw] : []
    const answers = list.filter((a): a is string => typeof a === "string").map(stripDollars).filter((a) => a !== "")
    if (answers.length === 0) return badReference("olympiadbench", index, "final_answer is empty")
    const multiple = record.value["is_multiple_answer"] === true
    const id = record.value["id"]
    return {
      id: `olympiadbench-${typeof id === "number" || typeof id === "string" ? id : index}`,
      question: context === null ? body : `${context}\n\n${body}`,
      reference: answers.join(", "),
      answerKind: kindOf(answers, multiple, record.value["answer_type"]),
      meta: {
        finalAnswers: answers,
        isMultipleAnswer: multiple,
        unit: record.value["unit"] ?? null,
        answerType: record.value["answer_type"] ?? null,
        subfield: record.value["subfield"] ?? null
      }
    }
  }
}
