// Content digests of input files, with a stat cache so unchanged files are not hashed again.
import * as fs from "node:fs"
import * as path from "node:path"
import { sha256File } from "./file-hash.ts"

interface StatEntry {
  readonly size: number
  readonly mtimeMs: number
  readonly ino: number
  readonly sha256: string
}

const caches = new Map<string, Map<string, StatEntry>>()
const CACHE_FILE = "file-digests.json"

const loadCache = (cacheDir: string): Map<string, StatEntry> => {
  const existing = caches.get(cacheDir)
  if (existing !== undefined) return existing
  let entries: Record<string, StatEntry> = {}
  try {
    entries = JSON.parse(fs.readFileSync(path.join(cacheDir, CACHE_FILE), "utf8")) as Record<string, StatEntry>
  } catch {
    entries = {}
  }
  const map = new Map(Object.entries(entries))
  caches.set(cacheDir, map)
  return map
}

const saveCache = (cacheDir: string, map: Map<string, StatEntry>): void => {
  fs.mkdirSync(cacheDir, { recursive: true })
  const tmp = path.join(cacheDir, `${CACHE_FILE}.${process.pid}.tmp`)
  fs.writeFileSync(tmp, JSON.stringify(Object.fromEntries(map)))
  fs.renameSync(tmp, path.join(cacheDir, CACHE_FILE))
}

/**
 * Hex sha256 of a file's bytes. A file whose size, mtime and inode match the cached entry under `cacheDir` is not
 * read again; any change to them (an edit in place included) re-hashes it. Throws when the file cannot be read.
 */
export const digestFile = (file: string, cacheDir: string): string => {
  const abs = path.resolve(file)
  const st = fs.statSync(abs)
  const cache = loadCache(cacheDir)
  const hit = cache.get(abs)
  if (hit !== undefined && hit.size === st.size && hit.mtimeMs === st.mtimeMs && hit.ino === st.ino) return hit.sha256
  const sha256 = sha256File(abs)
  cache.set(abs, { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, sha256 })
  saveCache(cacheDir, cache)
  return sha256
}
