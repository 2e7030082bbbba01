// Makes one split of a Hub dataset available on disk: resolve the revision, download once per commit, or use the cache offline.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { DatasetError } from "../../../src/plugins/index.ts"
import { downloadRepoFile, listRepoFiles, resolveRevision, type HubAccess } from "./hub-api.ts"
import { isCommitSha, readManifest, readRef, repoCacheDir, snapshotDir, writeManifest, writeRef } from "./hub-cache.ts"
import { selectSplitFiles } from "./split-files.ts"

/** What to fetch. `files`, when given, replaces the automatic choice of the split's files. */
export interface SplitRequest {
  readonly access: HubAccess
  readonly cacheDir: string
  readonly revision: string
  readonly split: string
  readonly config?: string
  readonly files?: ReadonlyArray<string>
  readonly offline: boolean
}

/** A split on disk: the commit it came from, the snapshot folder and the repository paths of its files. */
export interface FetchedSplit {
  readonly sha: string
  readonly dir: string
  readonly files: ReadonlyArray<string>
}

const sameFiles = (a: ReadonlyArray<string>, b: ReadonlyArray<string> | undefined) =>
  b === undefined || (a.length === b.length && a.every((f, i) => f === b[i]))

const ioError = (what: string) => (e: unknown) =>
  new DatasetError({ reason: "parse", message: `hf-hub cache: ${what}: ${(e as Error).message}` })

const fromCache = (req: SplitRequest, root: string): Effect.Effect<FetchedSplit, DatasetError> =>
  Effect.gen(function*() {
    const { repo } = req.access
    const sha = isCommitSha(req.revision) ? req.revision : readRef(root, req.revision)
    if (sha === null) {
      return yield* new DatasetError({
        reason: "offline",
        message: `offline: revision "${req.revision}" of ${repo} was never resolved into the cache ${root}; run once online or pin a cached SHA`
      })
    }
    const manifest = readManifest(root, sha, req.config, req.split)
    if (manifest === null || !sameFiles(manifest.files, req.files)) {
      return yield* new DatasetError({
        reason: "offline",
        message: `offline: split "${req.split}"${req.config === undefined ? "" : ` of config "${req.config}"`} of ${repo}@${sha} is not in the cache ${root}; run once online`
      })
    }
    return { sha, dir: snapshotDir(root, sha), files: manifest.files }
  })

/** Fetches a split: offline from the cache only, otherwise resolving the revision and downloading what is missing. */
export const fetchSplit = (req: SplitRequest): Effect.Effect<FetchedSplit, DatasetError> =>
  Effect.gen(function*() {
    const root = repoCacheDir(req.cacheDir, req.access.repo)
    if (req.offline) return yield* fromCache(req, root)
    const sha = yield* resolveRevision(req.access, req.revision)
    yield* Effect.try({ try: () => writeRef(root, req.revision, sha), catch: ioError("writing ref") })
    const dir = snapshotDir(root, sha)
    const cached = readManifest(root, sha, req.config, req.split)
    if (cached !== null && sameFiles(cached.files, req.files)) return { sha, dir, files: cached.files }
    const available = yield* listRepoFiles(req.access, sha)
    const files = req.files ?? selectSplitFiles(available, req.split, req.config)
    const missing = files.filter((f) => !available.includes(f))
    if (files.length === 0 || missing.length > 0) {
      const listed = available.slice(0, 20).join(", ")
      return yield* new DatasetError({
        reason: "not-found",
        message: missing.length > 0
          ? `${req.access.repo}@${sha} has no file ${missing.join(", ")}`
          : `${req.access.repo}@${sha}: no parquet/jsonl/json file for split "${req.split}"${req.config === undefined ? "" : ` in config "${req.config}"`}; files: ${listed}`
      })
    }
    yield* Effect.forEach(files, (f) => downloadRepoFile(req.access, sha, f, path.join(dir, f)), { concurrency: 4, discard: true })
    yield* Effect.try({
      try: () => writeManifest(root, { repo: req.access.repo, sha, config: req.config ?? null, split: req.split, files }),
      catch: ioError("writing manifest")
    })
    return { sha, dir, files }
  })
