// One run at a time per store: a lock file created atomically (link of a complete temp file), owned by pid + start time.
import { randomBytes } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { guarded, storeError } from "./errors.ts"

/** Who holds a lock. `start` (the kernel's process start time) and `boot` tell a live owner from a reused pid. */
export interface LockOwner {
  readonly pid: number
  readonly experiment: string
  readonly since: string
  readonly host?: string
  readonly boot?: string
  readonly start?: string
}

const readOr = (file: string): string | undefined => {
  try {
    return fs.readFileSync(file, "utf8")
  } catch {
    return undefined
  }
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks after boot), or undefined off Linux / for no such pid. */
export const processStart = (pid: number): string | undefined => {
  const stat = readOr(`/proc/${pid}/stat`)
  if (stat === undefined) return undefined
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]
}

const bootId = (): string | undefined => readOr("/proc/sys/kernel/random/boot_id")?.trim()

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"
  }
}

let identity: Omit<LockOwner, "experiment" | "since"> | undefined

/** This process as a lock owner (its pid, host, boot and start time are read once). */
export const selfOwner = (experiment: string): LockOwner => {
  if (identity?.pid !== process.pid) {
    const start = processStart(process.pid)
    const boot = bootId()
    identity = { pid: process.pid, host: os.hostname(), ...(boot === undefined ? {} : { boot }), ...(start === undefined ? {} : { start }) }
  }
  return { ...identity, experiment, since: new Date().toISOString() }
}

/**
 * Whether the owner named in a lock still holds it. An owner on another host cannot be checked and
 * counts as live; on this host it is live only when its pid runs, since the same boot, with the same
 * start time. A lock without a start time (older format) is live while its pid runs.
 */
export const ownerLive = (owner: LockOwner): boolean => {
  if (owner.host !== undefined && owner.host !== os.hostname()) return true
  const boot = bootId()
  if (owner.boot !== undefined && boot !== undefined && owner.boot !== boot) return false
  if (!Number.isInteger(owner.pid) || owner.pid <= 0 || !alive(owner.pid)) return false
  if (owner.start !== undefined) {
    const start = processStart(owner.pid)
    if (start !== undefined && start !== owner.start) return false
  }
  return true
}

const parseOwner = (text: string): LockOwner | undefined => {
  try {
    const o = JSON.parse(text) as LockOwner
    return typeof o === "object" && o !== null && typeof o.pid === "number" ? o : undefined
  } catch {
    return undefined
  }
}

const unique = (file: string, tag: string) => `${file}.${tag}.${process.pid}.${randomBytes(4).toString("hex")}`

/** Moves a lock judged stale aside, restoring it when another starter replaced it meanwhile. */
const breakStale = (file: string, staleText: string): void => {
  const aside = unique(file, "stale")
  try {
    fs.renameSync(file, aside)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return
    throw storeError("write", file, "cannot remove the stale lock", e)
  }
  if (readOr(aside) !== staleText) {
    try {
      fs.linkSync(aside, file)
    } catch {
      // another starter has taken the lock since; the restored one is not needed
    }
  }
  fs.rmSync(aside, { force: true })
}

/**
 * Tries to take the lock; returns a release function, or the live owner when someone else holds it.
 * The lock appears complete or not at all (a fully written temp file hard-linked into place), so no
 * starter ever sees an empty lock; a lock whose owner is gone (or whose pid now names another process)
 * is taken over. I/O failures throw a StoreError naming the file.
 */
export const tryLock = (
  file: string, experiment: string
): { readonly release: () => void } | { readonly owner: LockOwner } => {
  guarded("write", path.dirname(file), "cannot create the store directory", () => fs.mkdirSync(path.dirname(file), { recursive: true }))
  const mine = JSON.stringify(selfOwner(experiment))
  const tmp = unique(file, "new")
  guarded("write", file, "cannot write the lock", () => fs.writeFileSync(tmp, mine, { flag: "wx" }))
  try {
    for (let attempt = 0; attempt < 8; attempt++) {
      try {
        fs.linkSync(tmp, file)
        return {
          release: () => {
            if (readOr(file) === mine) fs.rmSync(file, { force: true })
          }
        }
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw storeError("write", file, "cannot take the lock", e)
      }
      const text = readOr(file)
      if (text === undefined) continue
      const owner = parseOwner(text)
      if (owner !== undefined && ownerLive(owner)) return { owner }
      breakStale(file, text)
    }
  } finally {
    fs.rmSync(tmp, { force: true })
  }
  throw storeError("lock-held", file, "cannot take the lock (it keeps changing hands)")
}
