// The permanent tier: raw teacher responses keyed by provider, model, rendered prompt, sampling and sample index.
import * as fs from "node:fs"
import * as path from "node:path"
import { canonicalJson, sha256 } from "../plan/keys.ts"
import { readSampleLog, openSampleLog, type SampleLog } from "./sample-log.ts"
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

/** The identity of one teacher call. Images count by content (their sha256), by path only when no digest is known. */
export const rawKey = (provider: string, model: string, request: TeacherRequest): string =>
  sha256(canonicalJson({
    provider, model, system: request.system ?? null, prompt: request.prompt,
    images: (request.images ?? []).map((i) => i.sha256 ?? i.path), sampling: request.sampling, sample: request.sampleIndex
  }))

/** An append-only response log per provider and model, indexed in memory. */
export interface RawCache {
  readonly get: (key: string) => RawRecord | undefined
  readonly put: (record: RawRecord) => void
  readonly size: () => number
  readonly close: () => void
}

const open = new Map<string, RawCache>()

/** Opens (once per process) the raw response log of a provider/model under `<storeRoot>/raw`. */
export const rawCache = (storeRoot: string, provider: string, model: string): RawCache => {
  const file = path.join(storeRoot, "raw", provider.replace(/[^A-Za-z0-9._-]/g, "_"),
    `${model.replace(/[^A-Za-z0-9._-]/g, "_")}.jsonl`)
  const existing = open.get(file)
  if (existing !== undefined) return existing
  const index = new Map<string, RawRecord>()
  if (fs.existsSync(file)) for (const r of readSampleLog<RawRecord>(file)) index.set(r.key, r)
  let log: SampleLog<RawRecord> | undefined
  const cache: RawCache = {
    get: (key) => index.get(key),
    put: (record) => {
      if (index.has(record.key)) return
      log ??= openSampleLog<RawRecord>(file)
      log.append(record)
      index.set(record.key, record)
    },
    size: () => index.size,
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
