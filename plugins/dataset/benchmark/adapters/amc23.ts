// AMC 2023 adapter: answers are floats (27.0); the reference is their exact shortest text ("27").
import { badReference, canonicalInteger, missing, scalarText, text, type BenchmarkAdapter } from "../adapter.ts"

export const amc23: BenchmarkAdapter = {
  name: "amc23",
  defaultFormat: "jsonl",
  toRow: (record, index) => {
    const question = text(record, "problem") ?? text(record, "question")
    if (question === null) return missing("amc23", index, "problem")
    const raw = record.value["answer"]
    const asText = scalarText(record, "answer")
    if (asText === null) return badReference("amc23", index, "empty answer")
    const parsed = typeof raw === "number" ? raw : Number(asText)
    const reference = Number.isFinite(parsed) ? String(parsed) : canonicalInteger(asText)
    const id = record.value["id"]
    return {
      id: `amc23-${typeof id === "number" || typeof id === "string" ? id : index}`,
      question,
      reference,
      answerKind: "number",
      meta: { rawAnswer: raw ?? null, url: record.value["url"] ?? null }
    }
  }
}
