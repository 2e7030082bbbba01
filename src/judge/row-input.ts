// The judge input for a prediction against a dataset row: reference, question, options, answer kind and precision.
import type { Row } from "../plugins/dataset.ts"
import type { JudgeInput } from "../plugins/judge.ts"

/** What a judge gets for `pred` on `row` (MathVista's `precision` is read from the row's meta). */
export const judgeInputFor = (pred: string, row: Row): JudgeInput => {
  const precision = row.meta?.["precision"]
  return {
    pred, ref: row.reference, question: row.question,
    ...(row.choices === undefined ? {} : { choices: row.choices }),
    ...(row.answerKind === undefined ? {} : { answerKind: row.answerKind }),
    ...(typeof precision === "number" && Number.isInteger(precision) && precision >= 0 ? { precision } : {})
  }
}
