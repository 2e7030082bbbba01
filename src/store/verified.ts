// Hashes already checked: a store output whose stat is unchanged since it matched its manifest is not read again.
import * as fs from "node:fs"
import * as path from "node:path"

/** What identifies one state of a file without reading it. */
export interface FileStamp {
  readonly size: number
  readonly mtimeMs: number
  readonly ctimeMs: number
  readonly ino: number
}

/** A file's stamp when its bytes were found to hash to `sha256`. */
export interface Verified extends FileStamp {
  readonly sha256: string
}

/**
 * A file changed less than this long before it was hashed is not remembered: a write within the same tick of the
 * file system's clock would leave its stamp as it was (git's "racy" files). Any later write moves ctime past it.
 */
export const SETTLE_MS = 2_000

const FILE = ".verified.json"

const indexes = new Map<string, { readonly files: Map<string, Verified>; dirty: boolean }>()
let savesAtExit = false

const indexOf = (storeRoot: string) => {
  const known = indexes.get(storeRoot)
  if (known !== undefined) return known
  let files = new Map<string, Verified>()
  try {
    files = new Map(Object.entries(JSON.parse(fs.readFileSync(path.join(storeRoot, FILE), "utf8")) as Record<string, Verified>))
  } catch {
    files = new Map()
  }
  const index = { files, dirty: false }
  indexes.set(storeRoot, index)
  if (!savesAtExit) {
    process.once("exit", saveVerified)
    savesAtExit = true
  }
  return index
}

/** The stamp of a stat. */
export const stampOf = (st: fs.Stats): FileStamp => ({ size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino })

/** True when `st` is the state `known` recorded, with the same hash as the manifest expects. */
export const stillVerified = (known: Verified | undefined, st: FileStamp, sha256: string): boolean =>
  known !== undefined && known.sha256 === sha256 && known.size === st.size && known.mtimeMs === st.mtimeMs &&
  known.ctimeMs === st.ctimeMs && known.ino === st.ino

/** True when a file of stamp `st`, hashed at `now`, had settled long enough for its stamp to be trusted later. */
export const settled = (st: FileStamp, now: number): boolean => Math.max(st.mtimeMs, st.ctimeMs) <= now - SETTLE_MS

/** The remembered hash check of `file` (absolute, inside `storeRoot`), if any. */
export const knownHash = (storeRoot: string, file: string): Verified | undefined =>
  indexOf(storeRoot).files.get(path.relative(storeRoot, file))

/** Remembers that `file` had stamp `st` when its bytes hashed to `sha256` at `now` (ignored while it has not settled). */
export const rememberHash = (storeRoot: string, file: string, st: FileStamp, sha256: string, now = Date.now()): void => {
  const index = indexOf(storeRoot)
  const rel = path.relative(storeRoot, file)
  if (!settled(st, now)) {
    if (index.files.delete(rel)) index.dirty = true
    return
  }
  index.files.set(rel, { ...st, sha256 })
  index.dirty = true
}

/** Writes what was learned to each store's index (atomically; at process exit, or when called). */
export const saveVerified = (): void => {
  for (const [storeRoot, index] of indexes) {
    if (!index.dirty || !fs.existsSync(storeRoot)) continue
    try {
      const tmp = path.join(storeRoot, `${FILE}.${process.pid}.tmp`)
      fs.writeFileSync(tmp, JSON.stringify(Object.fromEntries(index.files)))
      fs.renameSync(tmp, path.join(storeRoot, FILE))
      index.dirty = false
    } catch {
      // the index only saves time: without it the next lookup hashes again
    }
  }
}

/** Forgets every index read in this process (tests, and a store replaced under a running process). */
export const forgetVerified = (): void => {
  indexes.clear()
}
