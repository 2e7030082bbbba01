// The shape of a benchmark adapter and helpers shared by adapters (field reading, answer canonicalisation).
import type { Row } from "../../../src/plugins/index.ts"
import type { MapFailure } from "../local/map-fields.ts"
import type { RecordFormat, SourceRecord } from "../local/read-records.ts"

/** What an adapter knows about the load. */
export interface AdapterContext {
  /** Absolute folder that image file names resolve against. */
  readonly imageDir: string
}

/** Turns one benchmark's public file format into rows with a reference a judge can trust. */
export interface BenchmarkAdapter {
  readonly name: string
  /** Format used when the file extension says nothing. */
  readonly defaultFormat: RecordFormat
  /** Default image folder for a data file (absolute), for benchmarks with images. */
  readonly defaultImageDir?: (dataFile: string) => string
  readonly toRow: (record: SourceRecord, index: number, context: AdapterContext) => Row | MapFailure
}

/** A failure for a record whose question is missing. */
export const missing = (name: string, index: number, field: string): MapFailure =>
  ({ reason: "parse", message: `${name} record ${index}: field "${field}" is missing or empty` })

/** A failure for a record whose reference answer is missing or unusable. */
export const badReference = (name: string, index: number, detail: string): MapFailure =>
  ({ reason: "invalid-reference", message: `${name} record ${index}: ${detail}` })

/** A non-empty trimmed string field, or null. */
export const text = (record: SourceRecord, field: string): string | null => {
  const v = record.value[field]
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null
}

/** A string or number field as text (numbers via `numberText`), or null. */
export const scalarText = (record: SourceRecord, field: string): string | null => {
  const v = record.value[field]
  if (typeof v === "number") return numberText(v)
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null
}

/** A finite number as the shortest exact text: `27.0` -> `27`, `0.5` -> `0.5`; null for NaN or infinities. */
export const numberText = (n: number): string | null => (Number.isFinite(n) ? String(n) : null)

/** Integer text without leading zeros (`"025"` -> `"25"`, `"000"` -> `"0"`); other text unchanged. */
export const canonicalInteger = (s: string): string => {
  const m = /^([+-]?)0*(\d+)$/u.exec(s.trim())
  return m === null ? s.trim() : `${m[1] === "-" ? "-" : ""}${m[2]}`
}

/** An id safe in file names: characters other than letters, digits, `_` and `-` become `-`. */
export const safeId = (s: string): string => s.replace(/\.json$/u, "").replace(/[^A-Za-z0-9_-]+/gu, "-").replace(/^-+|-+$/gu, "")
