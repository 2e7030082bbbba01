// The permanent tier: raw teacher responses keyed by provider, model, rendered prompt, sampling and sample index.
import * as fs from "node:fs"
import * as path from "node:path"
import { canonicalJson, sha256 } from "../plan/keys.ts"
import { writeFileAtomic } from "./atomic.ts"
import { guarded } from "./errors.ts"
import { openSampleLog, type SampleLog } from "./sample-log.ts"
import type { Completion, TeacherRequest } from "../plugins/teacher.ts"

/** A stored response. */
export interface RawRecord {
  readonly key: string
  readonly provider: string
  readonly model: string
  readonly completion: Completion
  readonly attempts: number
  readonly at: string
}

/** A line of the log: the record plus the sha256 of its canonical JSON. */
type RawLine = RawRecord & { readonly sum?: string }

/** The identity of one teacher call. Images count by content (their sha256), by path only when no digest is known. */
export const rawKey = (provider: string, model: string, request: TeacherRequest): string =>
  sha256(canonicalJson({
    provider, model, system: request.system ?? null, prompt: request.prompt,
    images: (request.images ?? []).map((i) => i.sha256 ?? i.path), sampling: request.sampling, sample: request.sampleIndex
  }))

/** The checksum stored with a record. */
export const rawSum = (record: RawRecord): string => sha256(canonicalJson(record))

const withSum = (record: RawRecord): string => JSON.stringify({ ...record, sum: rawSum(record) })

/** What opening a raw log found besides intact lines. */
export interface RawLogHealth {
  readonly file: string
  /** Lines that were unparseable or failed their checksum: skipped (so re-requested) and moved aside. */
  readonly damaged: number
  /** Lines written before checksums existed: accepted once and re-written with a checksum. */
  readonly upgraded: number
}

/** Splits a raw log into trusted records, damaged lines and legacy (checksum-less) records. */
export const scanRawLog = (text: string): { records: RawRecord[]; damaged: string[]; legacy: number } => {
  const records: RawRecord[] = []
  const damaged: string[] = []
  let legacy = 0
  const lines = text.split("\n")
  lines.forEach((line, i) => {
    if (line.trim() === "") return
    let parsed: RawLine
    try {
      parsed = JSON.parse(line) as RawLine
    } catch {
      if (i < lines.length - 1) damaged.push(line)
      return
    }
    if (typeof parsed !== "object" || parsed === null || typeof parsed.key !== "string" || typeof parsed.completion?.text !== "string") {
      damaged.push(line)
      return
    }
    const { sum, ...record } = parsed
    if (sum === undefined) legacy += 1
    else if (sum !== rawSum(record)) {
      damaged.push(line)
      return
    }
    records.push(record)
  })
  return { records, damaged, legacy }
}

/** An append-only response log per provider and model, indexed in memory. */
export interface RawCache {
  readonly get: (key: string) => RawRecord | undefined
  readonly put: (record: RawRecord) => void
  readonly size: () => number
  readonly health: RawLogHealth
  readonly close: () => void
}

const open = new Map<string, RawCache>()

/**
 * Reads a raw log; when it holds damaged or legacy lines, rewrites it atomically with only trusted,
 * checksummed records, and appends the damaged lines to `<file>.damaged` for inspection.
 */
const load = (file: string): { index: Map<string, RawRecord>; health: RawLogHealth } => {
  const index = new Map<string, RawRecord>()
  if (!fs.existsSync(file)) return { index, health: { file, damaged: 0, upgraded: 0 } }
  const text = guarded("read", file, "cannot read the raw response log", () => fs.readFileSync(file, "utf8"))
  const { records, damaged, legacy } = scanRawLog(text)
  for (const r of records) if (!index.has(r.key)) index.set(r.key, r)
  if (damaged.length > 0 || legacy > 0) {
    if (damaged.length > 0) {
      guarded("write", `${file}.damaged`, "cannot set damaged lines aside in", () => fs.appendFileSync(`${file}.damaged`, damaged.join("\n") + "\n"))
    }
    writeFileAtomic(file, [...index.values()].map((r) => withSum(r) + "\n").join(""))
  }
  return { index, health: { file, damaged: damaged.length, upgraded: legacy } }
}

/** Opens (once per process) the raw response log of a provider/model under `<storeRoot>/raw`. */
export const rawCache = (storeRoot: string, provider: string, model: string): RawCache => {
  const file = path.join(storeRoot, "raw", provider.replace(/[^A-Za-z0-9._-]/g, "_"),
    `${model.replace(/[^A-Za-z0-9._-]/g, "_")}.jsonl`)
  const existing = open.get(file)
  if (existing !== undefined) return existing
  const { index, health } = load(file)
  let log: SampleLog<RawLine> | undefined
  const cache: RawCache = {
    get: (key) => index.get(key),
    put: (record) => {
      if (index.has(record.key)) return
      log ??= openSampleLog<RawLine>(file)
      log.append({ ...record, sum: rawSum(record) })
      index.set(record.key, record)
    },
    size: () => index.size,
    health,
    close: () => {
      log?.close()
      log = undefined
      open.delete(file)
    }
  }
  open.set(file, cache)
  return cache
}

/** Flushes and closes every open raw log (end of a run). */
export const closeRawCaches = (): void => {
  for (const c of [...open.values()]) c.close()
}
