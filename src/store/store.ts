// The content-addressed store under runs/store: one entry directory per node key, complete only with a manifest.
import * as fs from "node:fs"
import * as path from "node:path"
import { type Manifest, verifyEntry, writeManifest } from "./manifest.ts"

/** Where a node's outputs live. */
export const entryDir = (storeRoot: string, kind: string, key: string): string => path.join(storeRoot, kind, key)

/** The state of a node in the store. */
export type EntryState =
  | { readonly state: "complete"; readonly manifest: Manifest }
  | { readonly state: "partial" }
  | { readonly state: "absent" }
  | { readonly state: "corrupted"; readonly problem: string }

/** Looks a node up; verifies every output's hash. */
export const lookup = (storeRoot: string, kind: string, key: string): EntryState => {
  const dir = entryDir(storeRoot, kind, key)
  if (!fs.existsSync(dir)) return { state: "absent" }
  const { manifest, problem } = verifyEntry(dir, key)
  if (manifest !== undefined) return { state: "complete", manifest }
  if (problem === "no manifest") return { state: "partial" }
  return { state: "corrupted", problem: problem ?? "unknown" }
}

/**
 * Prepares a node's directory for running: a corrupted entry is wiped; a partial one is kept so
 * sample logs and checkpoints resume.
 */
export const prepare = (storeRoot: string, kind: string, key: string): string => {
  const dir = entryDir(storeRoot, kind, key)
  const state = lookup(storeRoot, kind, key)
  if (state.state === "corrupted") fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  return dir
}

/** Marks a node complete by writing its manifest over the given outputs (default: all files). */
export const commit = (
  storeRoot: string, meta: Omit<Manifest, "files" | "finishedAt">, outputs?: ReadonlyArray<string>
): Manifest => writeManifest(entryDir(storeRoot, meta.kind, meta.key), meta, outputs)
