// MathVista (testmini) adapter: object keyed by pid; multiple-choice references are option texts, with `choices` kept.
import * as path from "node:path"
import type { AnswerKind } from "../../../../src/plugins/index.ts"
import { imageFromPath } from "../../local/images.ts"
import { badReference, missing, scalarText, text, type BenchmarkAdapter } from "../adapter.ts"

const kindOf = (questionType: unknown, answerType: unknown): AnswerKind => {
  if (questionType === "multi_choice") return "choice"
  if (answerType === "integer" || answerType === "float") return "number"
  if (answerType === "list") return "list"
  return "text"
}

export const mathvista: BenchmarkAdapter = {
  name: "mathvista",
  defaultFormat: "json",
  // `image` values already start with "images/", so they resolve against the data file's folder
  defaultImageDir: (dataFile) => path.dirname(dataFile),
  toRow: (record, index, context) => {
    const question = text(record, "query") ?? text(record, "question")
    if (question === null) return missing("mathvista", index, "question")
    const reference = scalarText(record, "answer")
    if (reference === null) return badReference("mathvista", index, "empty answer")
    const rawChoices = record.value["choices"]
    const choices = Array.isArray(rawChoices) ? rawChoices.map(String) : []
    const questionType = record.value["question_type"]
    if (questionType === "multi_choice" && !choices.includes(reference)) {
      return badReference("mathvista", index, `answer "${reference}" is not one of the choices`)
    }
    const pid = text(record, "pid") ?? record.key ?? String(index)
    const image = text(record, "image")
    const metadata = record.value["metadata"]
    const source = typeof metadata === "object" && metadata !== null ? (metadata as Record<string, unknown>)["source"] ?? null : null
    return {
      id: `mathvista-${pid}`,
      question,
      reference,
      answerKind: kindOf(questionType, record.value["answer_type"]),
      ...(choices.length > 0 ? { choices } : {}),
      ...(image === null ? {} : { image: imageFromPath(image, context.imageDir) }),
      meta: {
        questionType: questionType ?? null,
        answerType: record.value["answer_type"] ?? null,
        precision: record.value["precision"] ?? null,
        unit: record.value["unit"] ?? null,
        source
      }
    }
  }
}
