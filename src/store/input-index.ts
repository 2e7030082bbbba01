// Early cutoff: an index from a node's input contents to the entry computed from them, and reuse by hard links.
import * as fs from "node:fs"
import * as path from "node:path"
import { canonicalJson, sha256, type KeyParts } from "../plan/keys.ts"
import { writeFileAtomic } from "./atomic.ts"
import { MANIFEST, type Manifest } from "./manifest.ts"
import { entryDir, lookup } from "./store.ts"

const indexFile = (storeRoot: string, kind: string, digest: string) => path.join(storeRoot, ".by-input", kind, digest)

/** A digest of a finished entry's contents: its output files' paths and hashes. */
export const contentDigest = (manifest: Manifest): string =>
  sha256(canonicalJson(manifest.files.map((f) => [f.path, f.sha256])))

/**
 * What a node computes from, by content: its kind, plugin and parameters, and the content digests of its upstream
 * entries instead of their keys. Two nodes with equal input digests compute the same outputs.
 */
export const inputDigest = (parts: KeyParts, upstream: Readonly<Record<string, Manifest>>): string =>
  sha256(canonicalJson({
    version: parts.version, kind: parts.kind, plugin: parts.plugin ?? null, params: parts.params,
    upstream: Object.fromEntries(Object.entries(upstream).map(([role, m]) => [role, contentDigest(m)]))
  })).slice(0, 32)

/** Records that the entry `key` of `kind` was computed from inputs with `digest`. */
export const recordInputs = (storeRoot: string, kind: string, digest: string, key: string): void => {
  const file = indexFile(storeRoot, kind, digest)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  writeFileAtomic(file, key)
}

/** The complete entry computed from inputs with `digest`, other than `key` itself, if the store has one. */
export const findByInputs = (storeRoot: string, kind: string, digest: string, key: string): { key: string; manifest: Manifest } | undefined => {
  const file = indexFile(storeRoot, kind, digest)
  if (!fs.existsSync(file)) return undefined
  const source = fs.readFileSync(file, "utf8").trim()
  if (source === key || !/^[\w.-]+$/u.test(source)) return undefined
  const state = lookup(storeRoot, kind, source)
  return state.state === "complete" ? { key: source, manifest: state.manifest } : undefined
}

/**
 * Makes entry `key` a complete copy of entry `source`: every output hard-linked (copied where links are not possible)
 * into a fresh directory, then a manifest naming `key`. A partial entry left at `key` is replaced.
 */
export const reuseEntry = (storeRoot: string, kind: string, source: { key: string; manifest: Manifest }, target: { key: string; id: string }): Manifest => {
  const from = entryDir(storeRoot, kind, source.key)
  const to = entryDir(storeRoot, kind, target.key)
  const staging = `${to}.reuse`
  fs.rmSync(staging, { recursive: true, force: true })
  for (const f of source.manifest.files) {
    const dest = path.join(staging, f.path)
    fs.mkdirSync(path.dirname(dest), { recursive: true })
    try {
      fs.linkSync(path.join(from, f.path), dest)
    } catch {
      fs.copyFileSync(path.join(from, f.path), dest)
    }
  }
  const manifest: Manifest = { ...source.manifest, key: target.key, id: target.id, seconds: 0, reusedFrom: source.key }
  fs.writeFileSync(path.join(staging, MANIFEST), JSON.stringify(manifest, null, 2))
  fs.rmSync(to, { recursive: true, force: true })
  fs.renameSync(staging, to)
  return manifest
}
