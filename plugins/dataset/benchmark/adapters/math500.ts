// MATH-500 adapter: `problem` and the ready-made `answer` field; subject, level and id kept in meta.
import { badReference, missing, safeId, scalarText, text, type BenchmarkAdapter } from "../adapter.ts"

export const math500: BenchmarkAdapter = {
  name: "math500",
  defaultFormat: "jsonl",
  toRow: (record, index) => {
    const question = text(record, "problem")
    if (question === null) return missing("math500", index, "problem")
    const reference = scalarText(record, "answer")
    if (reference === null) return badReference("math500", index, "empty answer")
    const uniqueId = text(record, "unique_id")
    return {
      id: `math500-${uniqueId === null ? index : safeId(uniqueId)}`,
      question,
      reference,
      answerKind: "auto",
      meta: {
        subject: record.value["subject"] ?? null,
        level: record.value["level"] ?? null,
        uniqueId,
        solution: text(record, "solution")
      }
    }
  }
}
