// Reads record files (JSON lines, JSON array or keyed object, Parquet) into plain records.
import { readFile } from "node:fs/promises"
import * as Effect from "effect/Effect"
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet"
import { DatasetError } from "../../../src/plugins/index.ts"
import { parquetCodecs } from "./parquet-codecs.ts"

/** Supported record file formats. */
export type RecordFormat = "jsonl" | "json" | "parquet"

/** One source record; `key` is the object key when the file is a JSON object keyed by id. */
export interface SourceRecord {
  readonly key?: string
  readonly value: Readonly<Record<string, unknown>>
}

/** The format implied by a file extension, or null when it is not recognised. */
export const formatFromPath = (file: string): RecordFormat | null => {
  const lower = file.toLowerCase()
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl"
  if (lower.endsWith(".json")) return "json"
  if (lower.endsWith(".parquet")) return "parquet"
  return null
}

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/** Parses JSON lines (blank lines skipped); returns an error message naming the bad line instead of throwing. */
export const parseJsonl = (text: string): ReadonlyArray<SourceRecord> | string => {
  const records: Array<SourceRecord> = []
  const lines = text.split(/\r?\n/u)
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim()
    if (line === "") continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (e) {
      return `line ${i + 1}: ${(e as Error).message}`
    }
    if (!isObject(value)) return `line ${i + 1}: expected a JSON object`
    records.push({ value })
  }
  return records
}

/** Parses a JSON array of objects, or an object whose values are objects (keyed by id, like MathVista). */
export const parseJsonDocument = (text: string): ReadonlyArray<SourceRecord> | string => {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (e) {
    return (e as Error).message
  }
  if (Array.isArray(doc)) {
    return doc.every(isObject) ? doc.map((value) => ({ value })) : "expected an array of JSON objects"
  }
  if (isObject(doc)) {
    const entries = Object.entries(doc)
    return entries.every(([, v]) => isObject(v))
      ? entries.map(([key, value]) => ({ key, value: value as Record<string, unknown> }))
      : "expected an object whose values are all JSON objects"
  }
  return "expected a JSON array or object"
}

/** Parquet INT64 values arrive as bigint: make them numbers when exact, strings otherwise (recursively). */
export const plainValue = (u: unknown): unknown => {
  if (typeof u === "bigint") return u <= BigInt(Number.MAX_SAFE_INTEGER) && u >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(u) : u.toString()
  if (Array.isArray(u)) return u.map(plainValue)
  if (isObject(u)) return Object.fromEntries(Object.entries(u).map(([k, v]) => [k, plainValue(v)]))
  return u
}

const readText = (file: string) =>
  Effect.tryPromise({
    try: () => readFile(file, "utf8"),
    catch: (e) => new DatasetError({ reason: "not-found", message: `cannot read ${file}: ${(e as Error).message}` })
  })

const parseError = (file: string, detail: string) =>
  new DatasetError({ reason: "parse", message: `${file}: ${detail}` })

/** Reads every record of a file in the given format. */
export const readRecords = (file: string, format: RecordFormat): Effect.Effect<ReadonlyArray<SourceRecord>, DatasetError> => {
  if (format === "parquet") {
    return Effect.tryPromise({
      try: () => asyncBufferFromFile(file),
      catch: (e) => new DatasetError({ reason: "not-found", message: `cannot read ${file}: ${(e as Error).message}` })
    }).pipe(
      Effect.flatMap((buffer) =>
        Effect.tryPromise({
          // utf8: false keeps unannotated binary columns (image bytes) as bytes; string columns stay strings
          try: () => parquetReadObjects({ file: buffer, utf8: false, compressors: parquetCodecs }),
          catch: (e) => parseError(file, `invalid parquet: ${(e as Error).message}`)
        })),
      Effect.map((objects) => objects.map((o) => ({ value: plainValue(o) as Record<string, unknown> })))
    )
  }
  return readText(file).pipe(Effect.flatMap((text) => {
    const parsed = format === "jsonl" ? parseJsonl(text) : parseJsonDocument(text)
    return typeof parsed === "string" ? Effect.fail(parseError(file, parsed)) : Effect.succeed(parsed)
  }))
}
