// Node manifests: written last, listing every output file with its hash; an entry without a valid one is incomplete.
import * as fs from "node:fs"
import * as path from "node:path"
import { writeJsonAtomic } from "./atomic.ts"
import { sha256File } from "./file-hash.ts"
import { knownHash, rememberHash, stampOf, stillVerified } from "./verified.ts"

export const MANIFEST = "manifest.json"

/** One output file of a node, relative to the entry directory. */
export interface ManifestFile {
  readonly path: string
  readonly bytes: number
  readonly sha256: string
}

/** What a finished node leaves behind. `summary` holds small results (counts, metrics) for status and reports. */
export interface Manifest {
  readonly key: string
  readonly kind: string
  readonly id: string
  readonly finishedAt: string
  readonly seconds: number
  readonly files: ReadonlyArray<ManifestFile>
  readonly summary: Readonly<Record<string, unknown>>
  /** Digest of the upstream contents the entry was computed from; an entry whose upstream changed since is stale. */
  readonly inputs?: string
  /** Set when the entry was reused from another key with identical input contents (early cutoff). */
  readonly reusedFrom?: string
}

/** Lists files under `dir` (recursive, relative paths), skipping the manifest and temp files. */
const listFiles = (dir: string, prefix = ""): string[] =>
  fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(prefix, e.name)
    if (e.isDirectory()) return listFiles(dir, rel)
    if (rel === MANIFEST || e.name.startsWith(".")) return []
    return [rel]
  })

/** Hashes the given outputs (default: every file in the entry) and writes the manifest atomically. */
export const writeManifest = (
  dir: string, meta: Omit<Manifest, "files" | "finishedAt">, outputs?: ReadonlyArray<string>
): Manifest => {
  const files = [...(outputs ?? listFiles(dir))].sort().map((rel) => {
    const full = path.join(dir, rel)
    return { path: rel, bytes: fs.statSync(full).size, sha256: sha256File(full) }
  })
  const manifest: Manifest = { ...meta, finishedAt: new Date().toISOString(), files }
  writeJsonAtomic(path.join(dir, MANIFEST), manifest)
  return manifest
}

/**
 * Why an entry cannot be trusted, or undefined when it is complete and intact. With `storeRoot`, a file whose stat is
 * unchanged since its hash last matched (src/store/verified.ts) is not read again.
 */
export const verifyEntry = (dir: string, key: string, storeRoot?: string): { readonly manifest?: Manifest; readonly problem?: string } => {
  const file = path.join(dir, MANIFEST)
  if (!fs.existsSync(file)) return { problem: "no manifest" }
  let manifest: Manifest
  try {
    manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest
  } catch {
    return { problem: "unreadable manifest" }
  }
  if (manifest.key !== key) return { problem: "manifest of another key" }
  for (const f of manifest.files) {
    const full = path.join(dir, f.path)
    const st = fs.statSync(full, { throwIfNoEntry: false })
    if (st === undefined) return { problem: `missing ${f.path}` }
    if (st.size !== f.bytes) return { problem: `corrupted ${f.path}` }
    const stamp = stampOf(st)
    if (storeRoot !== undefined && stillVerified(knownHash(storeRoot, full), stamp, f.sha256)) continue
    if (sha256File(full) !== f.sha256) return { problem: `corrupted ${f.path}` }
    if (storeRoot !== undefined) rememberHash(storeRoot, full, stamp, f.sha256)
  }
  return { manifest }
}
