// Where a rate key's window lives: in this process, or in a file under the store shared by every process of the machine.
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { guarded } from "../store/errors.ts"
import { tryLock } from "../store/lock.ts"
import { type Limits, makeWindowState, type WindowState } from "./window-limiter.ts"

/** Exclusive access to one key's window state. */
export interface WindowCell {
  /** Runs `f` on the state (created at `nowMs` when there is none yet); its changes are kept. */
  readonly update: <A>(nowMs: number, f: (state: WindowState) => A) => Effect.Effect<A>
}

/** A window held in this process only. */
export const memoryCell = (limits: Limits, nowMs: number): WindowCell => {
  const state = makeWindowState(limits, nowMs)
  return { update: (_, f) => Effect.sync(() => f(state)) }
}

/** What is written: starts oldest first; -Infinity (no pause, no start yet) as null. */
interface Persisted {
  readonly windowMs: number
  readonly requests: number | null
  readonly tokens: number | null
  readonly starts: ReadonlyArray<number>
  readonly lastStart: number | null
  readonly bucket: number
  readonly bucketAt: number
  readonly pausedUntil: number | null
}

const finite = (n: number): number | null => (Number.isFinite(n) ? n : null)

const persist = (s: WindowState): Persisted => ({
  windowMs: s.windowMs, requests: s.requests ?? null, tokens: s.tokens ?? null,
  starts: [...s.starts.slice(s.oldest), ...s.starts.slice(0, s.oldest)],
  lastStart: finite(s.lastStart), bucket: s.bucket, bucketAt: s.bucketAt, pausedUntil: finite(s.pausedUntil)
})

/**
 * The stored window under the current limits. When the limits changed since it was written, the most
 * recent starts are kept (as many as the new limit counts) and the bucket is capped at the new size.
 */
export const restore = (p: Persisted, limits: Limits, nowMs: number): WindowState => {
  const fresh = makeWindowState(limits, nowMs)
  const starts = fresh.requests === undefined ? [] : p.starts.slice(-fresh.requests)
  const sameTokens = fresh.tokens !== undefined && p.tokens === fresh.tokens && fresh.windowMs === p.windowMs
  return {
    ...fresh,
    starts: [...starts],
    oldest: 0,
    lastStart: p.lastStart ?? Number.NEGATIVE_INFINITY,
    pausedUntil: p.pausedUntil ?? Number.NEGATIVE_INFINITY,
    ...(sameTokens ? { bucket: p.bucket, bucketAt: p.bucketAt } : fresh.tokens === undefined ? {} : { bucket: Math.min(fresh.tokens, p.bucket), bucketAt: p.bucketAt })
  }
}

const read = (file: string): Persisted | undefined => {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Persisted
  } catch {
    return undefined
  }
}

/**
 * Where shared windows live: `DISTILL_LIMITS_DIR`, else a per-user directory in /dev/shm (memory, where
 * it exists) or the system temp directory, so every run of the user on the machine (any checkout, any
 * store) shares a key's window.
 */
export const limitsDir = (env: Readonly<Record<string, string | undefined>> = process.env): string =>
  env["DISTILL_LIMITS_DIR"] ??
    path.join(fs.existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir(), `distill-limits-${process.getuid?.() ?? "user"}`)

/** The file of a rate key under `dir` (a hash: the key itself never appears on disk). */
export const windowFile = (dir: string, rateKey: string): string =>
  path.join(dir, `${createHash("sha256").update(rateKey).digest("hex").slice(0, 24)}.json`)

/**
 * A window shared through `file`: every update takes the file's lock (see store/lock.ts: atomic, taken
 * over from a dead holder), reads the state, applies `f` and replaces the file by rename before
 * releasing. A kill -9 at any point leaves the old or the new state, never a torn one. No fsync: the
 * window only has to survive the process, not the machine.
 */
export const fileCell = (file: string, limits: Limits): WindowCell => {
  guarded("write", path.dirname(file), "cannot create the rate-limit directory", () => fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 }))
  return {
    update: (nowMs, f) =>
      Effect.gen(function*() {
        const lockFile = `${file}.lock`
        for (let spins = 0; ; spins++) {
          const got = tryLock(lockFile, "rate-limit")
          if ("release" in got) {
            try {
              const stored = read(file)
              const state = stored === undefined ? makeWindowState(limits, nowMs) : restore(stored, limits, nowMs)
              const result = f(state)
              const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`)
              guarded("write", file, "cannot write the rate-limit window", () => {
                fs.writeFileSync(tmp, JSON.stringify(persist(state)))
                fs.renameSync(tmp, file)
              })
              return result
            } finally {
              got.release()
            }
          }
          yield* Effect.sleep(Math.min(20, 1 + spins))
        }
      })
  }
}
