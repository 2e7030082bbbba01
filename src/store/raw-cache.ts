// The permanent tier: raw teacher responses keyed by provider, model, rendered prompt, sampling and sample index.
import * as fs from "node:fs"
import * as path from "node:path"
import { canonicalJson, sha256 } from "../plan/keys.ts"
import type { Completion, TeacherRequest } from "../plugins/teacher.ts"
import { writeLinesAtomic } from "./atomic.ts"
import { guarded } from "./errors.ts"
import { fileLines } from "./jsonl.ts"
import { keySlots } from "./key-slots.ts"
import { openSampleLog, type SampleLog } from "./sample-log.ts"
import { spanIndex, type Span, type SpanIndex } from "./span-index.ts"

/**
 * Format of the lines written now. 2: the completion without the provider's full response (text, thoughts,
 * usage, finish reason, answered model) and the response id beside it; `sum`, the line's last field, is the
 * sha256 of the line's own text without it (no re-serialisation to check it). Lines without `v` (format 1)
 * carry the full response in `completion.raw` and a sum over their canonical JSON; they are still read.
 */
export const RAW_FORMAT = 2

/** A stored response. */
export interface RawRecord {
  readonly key: string
  readonly provider: string
  readonly model: string
  readonly completion: Completion
  readonly attempts: number
  readonly at: string
  /** The provider's id of the response, when it gave one. */
  readonly responseId?: string
}

/** A line of the log: the record, its format and the sha256 of the canonical JSON of everything but `sum`. */
type RawLine = RawRecord & { readonly v?: number; readonly sum?: string }

/** What a raw key hashes: the canonical JSON of these fields. */
export const rawKeyParts = (provider: string, model: string, request: TeacherRequest) => ({
  provider, model, system: request.system ?? null, prompt: request.prompt,
  images: (request.images ?? []).map((i) => i.sha256 ?? i.path), sampling: request.sampling, sample: request.sampleIndex
})

const samplingJson = new WeakMap<object, string>()

/** canonicalJson of a request's sampling, once per sampling object: a node's requests all share one (it is read-only). */
const samplingText = (sampling: TeacherRequest["sampling"]): string => {
  if (typeof sampling !== "object" || sampling === null) return canonicalJson(sampling)
  let text = samplingJson.get(sampling)
  if (text === undefined) {
    text = canonicalJson(sampling)
    samplingJson.set(sampling, text)
  }
  return text
}

/**
 * The identity of one teacher call: sha256 of `canonicalJson(rawKeyParts(...))`. Images count by content (their
 * sha256), by path only when no digest is known. The top level's keys are written in canonicalJson's sorted order
 * directly (one call per sample, a few µs each saved); a test holds it equal to the generic form.
 */
export const rawKey = (provider: string, model: string, request: TeacherRequest): string => {
  if (typeof request.prompt !== "string" || typeof request.sampleIndex !== "number" || (request.system !== undefined && typeof request.system !== "string")) {
    return sha256(canonicalJson(rawKeyParts(provider, model, request)))
  }
  const images = request.images === undefined || request.images.length === 0 ? "[]" : canonicalJson(request.images.map((i) => i.sha256 ?? i.path))
  return sha256(`{"images":${images},"model":${JSON.stringify(model)},"prompt":${JSON.stringify(request.prompt)},` +
    `"provider":${JSON.stringify(provider)},"sample":${canonicalJson(request.sampleIndex)},"sampling":${samplingText(request.sampling)},` +
    `"system":${JSON.stringify(request.system ?? null)}}`)
}

/** The checksum of a format-1 line (over the canonical JSON of the line without its `sum`). */
export const rawSum = (record: object): string => sha256(canonicalJson(record))

/** A format-2 line ends with its sum: `{...,"sum":"<64 hex>"}`. */
const SUM_TAIL = /,"sum":"([0-9a-f]{64})"\}$/u

/** What re-derivation needs of a record, in the current format (the full provider response left out). */
export const slimRecord = (record: RawRecord): RawRecord & { readonly v: number } => {
  const { raw, ...completion } = record.completion
  const id = (raw as { id?: unknown } | undefined)?.id
  const responseId = record.responseId ?? (typeof id === "string" ? id : undefined)
  return {
    v: RAW_FORMAT, key: record.key, provider: record.provider, model: record.model, completion,
    attempts: record.attempts, at: record.at, ...(responseId === undefined ? {} : { responseId })
  }
}

/** A format-1 line with its checksum (an upgraded legacy line). */
const withSum = (line: object): string => JSON.stringify({ ...line, sum: rawSum(line) })

/** A format-2 line: the JSON of `line`, then its sum over that text. */
const sealed = (line: object): string => {
  const json = JSON.stringify(line)
  return `${json.slice(0, -1)},"sum":"${sha256(json)}"}`
}

/** What opening a raw log found besides intact lines. */
export interface RawLogHealth {
  readonly file: string
  /** Lines that were unparseable or failed their checksum: skipped (so re-requested) and moved aside. */
  readonly damaged: number
  /** Lines written before checksums existed: accepted once and re-written with a checksum. */
  readonly upgraded: number
}

/** One line judged: a trusted record (legacy: without a checksum), damaged, or a torn tail / blank to ignore. */
export type RawLineCheck =
  | { readonly kind: "ok"; readonly line: Omit<RawLine, "sum">; readonly legacy: boolean }
  | { readonly kind: "damaged" }
  | { readonly kind: "skip" }

/** Parses and checks one line of a raw log; `torn` marks a last line without a newline. */
export const checkRawLine = (text: string, torn: boolean): RawLineCheck => {
  if (text.trim() === "") return { kind: "skip" }
  let parsed: RawLine
  try {
    parsed = JSON.parse(text) as RawLine
  } catch {
    return torn ? { kind: "skip" } : { kind: "damaged" }
  }
  if (typeof parsed !== "object" || parsed === null || typeof parsed.key !== "string" || typeof parsed.completion?.text !== "string") {
    return { kind: "damaged" }
  }
  const { sum, ...line } = parsed
  if (line.v !== undefined) {
    const tail = SUM_TAIL.exec(text)
    return tail !== null && tail[1] === sum && sha256(`${text.slice(0, tail.index)}}`) === sum
      ? { kind: "ok", line, legacy: false }
      : { kind: "damaged" }
  }
  if (sum !== undefined && sum !== rawSum(line)) return { kind: "damaged" }
  return { kind: "ok", line, legacy: sum === undefined }
}

/** An append-only response log per provider and model; the index in memory holds only where each line lies (by key fingerprint). */
export interface RawCache {
  readonly get: (key: string) => RawRecord | undefined
  readonly put: (record: RawRecord) => void
  readonly size: () => number
  readonly health: RawLogHealth
  readonly close: () => void
}

/** The record of the intact line at `span` of the open log `fd`; undefined when the line is damaged. */
const lineAt = (file: string, fd: number, span: Span): RawRecord | undefined => {
  const buf = Buffer.allocUnsafe(span.bytes)
  const n = guarded("read", file, "cannot read the raw response log", () => fs.readSync(fd, buf, 0, span.bytes, span.offset))
  const check = checkRawLine(buf.toString("utf8", 0, n), false)
  return check.kind === "ok" ? stripFormat(check.line) : undefined
}

const open = new Map<string, RawCache>()

/** Indexes the trusted lines of `file` by key (the first line of a key wins). */
const scan = (file: string) => {
  const index = spanIndex()
  const damaged: string[] = []
  let legacy = 0
  if (!fs.existsSync(file)) return { index, damaged, legacy }
  /** Reads back an indexed line, only when a later line's key has its fingerprint. */
  let fd: number | undefined
  const holds = (key: string) => (span: Span) => {
    fd ??= guarded("read", file, "cannot read the raw response log", () => fs.openSync(file, "r"))
    return lineAt(file, fd, span)?.key === key
  }
  try {
    for (const l of fileLines(file, "cannot read the raw response log")) {
      const check = checkRawLine(l.text, l.torn)
      if (check.kind === "damaged") damaged.push(l.text)
      if (check.kind !== "ok") continue
      if (check.legacy) legacy += 1
      const key = check.line.key
      if (index.find(key, holds(key)) === undefined) index.add(key, { offset: l.offset, bytes: l.bytes })
    }
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
  return { index, damaged, legacy }
}

/** The trusted lines of `file` once each, checksummed, for a rewrite. */
function* trustedLines(file: string): Generator<string> {
  const seen = keySlots()
  for (const l of fileLines(file, "cannot read the raw response log")) {
    const check = checkRawLine(l.text, l.torn)
    if (check.kind !== "ok") continue
    const before = seen.size()
    if (seen.add(check.line.key) < before) continue
    yield check.legacy ? withSum(check.line) : l.text
  }
}

/**
 * Indexes a raw log; when it holds damaged or legacy lines, rewrites it atomically with only trusted,
 * checksummed lines (streamed), and appends the damaged lines to `<file>.damaged` for inspection.
 */
const load = (file: string): { index: SpanIndex; health: RawLogHealth } => {
  const first = scan(file)
  const health = { file, damaged: first.damaged.length, upgraded: first.legacy }
  if (first.damaged.length === 0 && first.legacy === 0) return { index: first.index, health }
  if (first.damaged.length > 0) {
    guarded("write", `${file}.damaged`, "cannot set damaged lines aside in", () => fs.appendFileSync(`${file}.damaged`, first.damaged.join("\n") + "\n"))
  }
  writeLinesAtomic(file, trustedLines(file))
  return { index: scan(file).index, health }
}

/** Opens (once per process) the raw response log of a provider/model under `<storeRoot>/raw`. */
export const rawCache = (storeRoot: string, provider: string, model: string): RawCache => {
  const file = path.join(storeRoot, "raw", provider.replace(/[^A-Za-z0-9._-]/g, "_"),
    `${model.replace(/[^A-Za-z0-9._-]/g, "_")}.jsonl`)
  const existing = open.get(file)
  if (existing !== undefined) return existing
  const { index, health } = load(file)
  let log: SampleLog<RawLine> | undefined
  let reader: number | undefined
  const read = (span: Span): RawRecord | undefined => {
    reader ??= guarded("read", file, "cannot read the raw response log", () => fs.openSync(file, "r"))
    return lineAt(file, reader, span)
  }
  const cache: RawCache = {
    get: (key) => {
      let found: RawRecord | undefined
      index.find(key, (span) => {
        const r = read(span)
        if (r?.key !== key) return false
        found = r
        return true
      })
      return found
    },
    put: (record) => {
      if (index.find(record.key, (span) => read(span)?.key === record.key) !== undefined) return
      log ??= openSampleLog<RawLine>(file)
      const text = sealed(slimRecord(record))
      const offset = log.appendLine(text)
      index.add(record.key, { offset, bytes: Buffer.byteLength(text) })
    },
    size: index.size,
    health,
    close: () => {
      try {
        log?.close()
      } finally {
        if (reader !== undefined) fs.closeSync(reader)
        log = undefined
        reader = undefined
        open.delete(file)
      }
    }
  }
  open.set(file, cache)
  return cache
}

const stripFormat = (line: Omit<RawLine, "sum">): RawRecord => {
  const { v: _, ...record } = line
  return record
}

/** Flushes and closes every open raw log (end of a run). */
export const closeRawCaches = (): void => {
  for (const c of [...open.values()]) c.close()
}
