// Reads one input line of `distill judge`: JSON {"pred","ref","question"?,"choices"?,"answerKind"?}.
import type { AnswerKind, JudgeInput } from "../plugins/index.ts"

const answerKinds: ReadonlySet<string> = new Set<AnswerKind>(["auto", "number", "choice", "expression", "list", "text", "relaxed-number"])

/** A line that is not a judge input, with the reason in words. */
export interface MalformedLine {
  readonly malformed: string
}

const scalar = (v: unknown): string | null =>
  typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : null

/**
 * The judge input a line holds, or why it holds none. `pred` and `ref` may be strings or numbers
 * (an AMC reference `27.0` arrives as the number 27); unknown fields are ignored.
 */
export const parseInputLine = (line: string): JudgeInput | MalformedLine => {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (e) {
    return { malformed: `not JSON: ${(e as Error).message}` }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { malformed: "not a JSON object" }
  const o = value as Record<string, unknown>
  const pred = scalar(o.pred)
  if (pred === null) return { malformed: "\"pred\" must be a string" }
  const ref = scalar(o.ref)
  if (ref === null) return { malformed: "\"ref\" must be a string or a number" }
  if (o.question !== undefined && typeof o.question !== "string") return { malformed: "\"question\" must be a string" }
  if (o.choices !== undefined && !(Array.isArray(o.choices) && o.choices.every((c) => typeof c === "string"))) {
    return { malformed: "\"choices\" must be an array of strings" }
  }
  if (o.answerKind !== undefined && !(typeof o.answerKind === "string" && answerKinds.has(o.answerKind))) {
    return { malformed: `"answerKind" must be one of ${[...answerKinds].join(", ")}` }
  }
  return {
    pred,
    ref,
    ...(typeof o.question === "string" ? { question: o.question } : {}),
    ...(Array.isArray(o.choices) ? { choices: o.choices as ReadonlyArray<string> } : {}),
    ...(typeof o.precision === "number" && Number.isInteger(o.precision) && o.precision >= 0 ? { precision: o.precision } : {}),
    ...(typeof o.answerKind === "string" ? { answerKind: o.answerKind as AnswerKind } : {})
  }
}

/** True for the failure branch of `parseInputLine`. */
export const isMalformed = (v: JudgeInput | MalformedLine): v is MalformedLine => "malformed" in v
