// AIME 2024 adapter: answers are strings that may have leading zeros ("025"); the reference is the plain integer.
import { badReference, canonicalInteger, missing, scalarText, text, type BenchmarkAdapter } from "../adapter.ts"

export const aime24: BenchmarkAdapter = {
  name: "aime24",
  defaultFormat: "jsonl",
  toRow: (record, index) => {
    const question = text(record, "problem") ?? text(record, "question")
    if (question === null) return missing("aime24", index, "problem")
    const raw = scalarText(record, "answer")
    if (raw === null) return badReference("aime24", index, "empty answer")
    const reference = canonicalInteger(raw)
    if (!/^-?\d+$/u.test(reference)) return badReference("aime24", index, `answer "${raw}" is not an integer`)
    const id = record.value["id"]
    return {
      id: `aime24-${typeof id === "number" || typeof id === "string" ? id : index}`,
      question,
      reference,
      answerKind: "number",
      meta: { rawAnswer: raw, url: record.value["url"] ?? null }
    }
  }
}
