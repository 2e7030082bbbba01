// The content-addressed store under runs/store: one entry directory per node key, complete only with a manifest.
import * as fs from "node:fs"
import * as path from "node:path"
import { writeJsonAtomic } from "./atomic.ts"
import { guarded } from "./errors.ts"
import { type Manifest, verifyEntry, writeManifest } from "./manifest.ts"

/** Where a node's outputs live. */
export const entryDir = (storeRoot: string, kind: string, key: string): string => path.join(storeRoot, kind, key)

/** The state of a node in the store. */
export type EntryState =
  | { readonly state: "complete"; readonly manifest: Manifest }
  | { readonly state: "partial" }
  | { readonly state: "absent" }
  | { readonly state: "corrupted"; readonly problem: string }

/** Looks a node up; verifies every output's hash (reading only the files changed since they last matched). */
export const lookup = (storeRoot: string, kind: string, key: string): EntryState => {
  const dir = entryDir(storeRoot, kind, key)
  if (!fs.existsSync(dir)) return { state: "absent" }
  const { manifest, problem } = verifyEntry(dir, key, storeRoot)
  if (manifest !== undefined) return { state: "complete", manifest }
  if (problem === "no manifest") return { state: "partial" }
  return { state: "corrupted", problem: problem ?? "unknown" }
}

/** The ledger of an unfinished entry: seconds spent by earlier attempts, and when the current one started. */
const ATTEMPTS = ".attempts.json"

interface Attempts {
  readonly priorSeconds: number
  readonly startedMs: number
}

/** Temp files of atomic writes: `.name.<pid>.<ms>.tmp` (Node) and `name.<pid>.tmp` (the Python trainer). */
const isTemp = (name: string): boolean => /^\..+\.tmp$/.test(name) || /\.\d+\.tmp$/.test(name)

const walk = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)])

const readAttempts = (dir: string): Attempts | undefined => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, ATTEMPTS), "utf8")) as Attempts
  } catch {
    return undefined
  }
}

/**
 * Seconds an interrupted attempt ran: from its start to the last write inside the entry (sample logs,
 * event files and checkpoints are written as the node works, so a kill -9 leaves that trace).
 */
const interruptedSeconds = (dir: string, attempt: Attempts): number => {
  let last = attempt.startedMs
  for (const f of walk(dir)) if (path.basename(f) !== ATTEMPTS) last = Math.max(last, fs.statSync(f).mtimeMs)
  return Math.max(0, (last - attempt.startedMs) / 1000)
}

/**
 * Prepares a node's directory for running: a corrupted entry is wiped; a partial one is kept so
 * sample logs and checkpoints resume, and the time its interrupted attempt spent is carried forward.
 */
export const prepare = (storeRoot: string, kind: string, key: string): string => {
  const dir = entryDir(storeRoot, kind, key)
  const state = lookup(storeRoot, kind, key)
  return guarded("write", dir, "cannot prepare the store entry", () => {
    if (state.state === "corrupted") fs.rmSync(dir, { recursive: true, force: true })
    fs.mkdirSync(dir, { recursive: true })
    const previous = readAttempts(dir)
    const priorSeconds = previous === undefined ? 0 : previous.priorSeconds + interruptedSeconds(dir, previous)
    writeJsonAtomic(path.join(dir, ATTEMPTS), { priorSeconds, startedMs: Date.now() } satisfies Attempts)
    return dir
  })
}

/** Removes an entry whole: it was computed from upstream contents that have changed since. */
export const discard = (storeRoot: string, kind: string, key: string): void => {
  const dir = entryDir(storeRoot, kind, key)
  guarded("write", dir, "cannot remove the stale store entry", () => fs.rmSync(dir, { recursive: true, force: true }))
}

/**
 * Marks a node complete by writing its manifest over the given outputs (default: all files). Leftover
 * temp files of interrupted writes are removed first, and `seconds` grows by the time of earlier,
 * interrupted attempts of the same entry.
 */
export const commit = (
  storeRoot: string, meta: Omit<Manifest, "files" | "finishedAt">, outputs?: ReadonlyArray<string>
): Manifest => {
  const dir = entryDir(storeRoot, meta.kind, meta.key)
  const priorSeconds = guarded("write", dir, "cannot clean the store entry", () => {
    const prior = readAttempts(dir)?.priorSeconds ?? 0
    for (const f of walk(dir)) if (isTemp(path.basename(f))) fs.rmSync(f, { force: true })
    return prior
  })
  const manifest = writeManifest(dir, { ...meta, seconds: meta.seconds + priorSeconds }, outputs)
  fs.rmSync(path.join(dir, ATTEMPTS), { force: true })
  return manifest
}
