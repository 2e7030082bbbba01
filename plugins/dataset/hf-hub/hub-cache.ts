// On-disk cache of Hub downloads: refs (revision -> commit SHA) and per-SHA snapshots with split manifests.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs"
import * as path from "node:path"

/** Where one repository's cache lives: `<cacheDir>/hf-hub/datasets/<owner>--<name>`. */
export const repoCacheDir = (cacheDir: string, repo: string): string =>
  path.join(cacheDir, "hf-hub", "datasets", repo.replace(/\//gu, "--"))

/** A full 40-hex commit SHA. */
export const isCommitSha = (revision: string): boolean => /^[0-9a-f]{40}$/u.test(revision)

/** The list of files making up one config/split at one commit, written after all of them are downloaded. */
export interface SplitManifest {
  readonly repo: string
  readonly sha: string
  readonly config: string | null
  readonly split: string
  readonly files: ReadonlyArray<string>
}

const refFile = (root: string, revision: string) => path.join(root, "refs", encodeURIComponent(revision))

/** The directory of a commit's downloaded files. */
export const snapshotDir = (root: string, sha: string): string => path.join(root, "snapshots", sha)

const manifestFile = (root: string, sha: string, config: string | undefined, split: string) =>
  path.join(root, "manifests", sha, `${encodeURIComponent(config ?? "default")}--${encodeURIComponent(split)}.json`)

/** Writes a file atomically (temp file in the same folder, then rename). */
export const writeAtomic = (file: string, data: string | Uint8Array): void => {
  mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`
  writeFileSync(tmp, data)
  renameSync(tmp, file)
}

/** The commit SHA a revision resolved to last time it was online, or null. */
export const readRef = (root: string, revision: string): string | null => {
  const file = refFile(root, revision)
  if (!existsSync(file)) return null
  const sha = readFileSync(file, "utf8").trim()
  return isCommitSha(sha) ? sha : null
}

/** Records what a revision resolved to. */
export const writeRef = (root: string, revision: string, sha: string): void => writeAtomic(refFile(root, revision), sha)

/** The manifest of a split at a commit, or null when that split was never fully downloaded. */
export const readManifest = (root: string, sha: string, config: string | undefined, split: string): SplitManifest | null => {
  const file = manifestFile(root, sha, config, split)
  if (!existsSync(file)) return null
  try {
    const m = JSON.parse(readFileSync(file, "utf8")) as SplitManifest
    const complete = Array.isArray(m.files) && m.files.every((f) => existsSync(path.join(snapshotDir(root, sha), f)))
    return complete ? m : null
  } catch {
    return null
  }
}

/** Records a fully downloaded split. */
export const writeManifest = (root: string, manifest: SplitManifest): void =>
  writeAtomic(manifestFile(root, manifest.sha, manifest.config ?? undefined, manifest.split), JSON.stringify(manifest, null, 2))
