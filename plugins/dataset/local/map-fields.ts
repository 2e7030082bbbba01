// Maps source records to dataset rows through a field mapping (question, answer, id, image, choices).
import type { AnswerKind, Row } from "../../../src/plugins/index.ts"
import { imageFromValue, type ImageSources } from "./images.ts"
import type { SourceRecord } from "./read-records.ts"

/** Which record field (dotted paths reach into nested objects) feeds each row field. */
export interface FieldMap {
  readonly id?: string
  readonly question: string
  readonly answer: string
  readonly image?: string
  readonly choices?: string
}

/** Options shared by all records of a file. */
export interface MapOptions {
  readonly fields: FieldMap
  readonly answerKind: AnswerKind
  /** Prefix of generated ids when the record has neither an id field nor a key. */
  readonly idPrefix: string
  readonly images: ImageSources
}

/** A record that could not be mapped: `invalid-reference` for a missing or empty answer, `parse` otherwise. */
export interface MapFailure {
  readonly reason: "parse" | "invalid-reference"
  readonly message: string
}

/** Reads a dotted path (`metadata.source`) from a record. */
export const getField = (record: Readonly<Record<string, unknown>>, fieldPath: string): unknown =>
  fieldPath.split(".").reduce<unknown>(
    (acc, key) => (typeof acc === "object" && acc !== null ? (acc as Record<string, unknown>)[key] : undefined),
    record
  )

/** A reference answer as text: numbers without a trailing `.0`, lists joined with ", ". */
export const answerText = (value: unknown): string | null => {
  if (typeof value === "string") return value.trim()
  if (typeof value === "number" && Number.isFinite(value)) return String(value)
  if (typeof value === "boolean") return String(value)
  if (Array.isArray(value)) {
    const parts = value.map(answerText)
    return parts.every((p): p is string => p !== null) ? parts.join(", ") : null
  }
  return null
}

const isPrimitive = (u: unknown): u is string | number | boolean =>
  typeof u === "string" || typeof u === "number" || typeof u === "boolean"

/** Maps one record to a row, or explains why it cannot be. */
export const recordToRow = (record: SourceRecord, index: number, options: MapOptions): Row | MapFailure => {
  const { fields } = options
  const where = `record ${record.key ?? index}`
  const question = getField(record.value, fields.question)
  if (typeof question !== "string" || question.trim() === "") {
    return { reason: "parse", message: `${where}: field "${fields.question}" is missing or not a non-empty string` }
  }
  const reference = answerText(getField(record.value, fields.answer))
  if (reference === null || reference === "") {
    return { reason: "invalid-reference", message: `${where}: answer field "${fields.answer}" is missing or empty` }
  }
  const rawId = fields.id === undefined ? undefined : getField(record.value, fields.id)
  const id = isPrimitive(rawId) ? String(rawId) : record.key ?? `${options.idPrefix}-${index}`
  const image = fields.image === undefined ? null : imageFromValue(getField(record.value, fields.image), options.images)
  if (typeof image === "string") return { reason: "parse", message: `${where}: ${image}` }
  const rawChoices = fields.choices === undefined ? undefined : getField(record.value, fields.choices)
  if (rawChoices !== undefined && rawChoices !== null && !(Array.isArray(rawChoices) && rawChoices.every(isPrimitive))) {
    return { reason: "parse", message: `${where}: choices field "${fields.choices}" is not a list of values` }
  }
  const mapped = new Set(Object.values(fields).map((f) => String(f).split(".")[0]))
  const meta = Object.fromEntries(Object.entries(record.value).filter(([k, v]) => !mapped.has(k) && isPrimitive(v)))
  return {
    id,
    question,
    reference,
    answerKind: options.answerKind,
    ...(Array.isArray(rawChoices) && rawChoices.length > 0 ? { choices: rawChoices.map(String) } : {}),
    ...(image === null ? {} : { image }),
    ...(Object.keys(meta).length > 0 ? { meta } : {})
  }
}

/** True when `recordToRow` failed. */
export const isMapFailure = (u: Row | MapFailure): u is MapFailure => "reason" in u && !("id" in u)
