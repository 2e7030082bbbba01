// Effect wrappers over @huggingface/hub calls: revision -> SHA, file listing, file download; errors never carry the token.
import { datasetInfo, downloadFile, HubApiError, listFiles } from "@huggingface/hub"
import * as Effect from "effect/Effect"
import { DatasetError } from "../../../src/plugins/index.ts"
import { redactSecrets } from "../../../src/provider/index.ts"
import { isCommitSha, writeAtomic } from "./hub-cache.ts"

/** Where and as whom to reach a dataset repository. */
export interface HubAccess {
  readonly repo: string
  readonly hubUrl: string
  readonly accessToken?: string
}

/** Replaces the token, in every form it may take (raw, URL-encoded, base64, in an Authorization header), in a message. */
export const redact = (message: string, token: string | undefined): string => redactSecrets(message, [token], "<redacted>")

const toDatasetError = (access: HubAccess, what: string) => (e: unknown): DatasetError => {
  const status = e instanceof HubApiError ? e.statusCode : undefined
  const hint = status === 401 || status === 403 ? " (private or gated: set HF_TOKEN)" : ""
  const detail = redact(e instanceof Error ? e.message : String(e), access.accessToken)
  return new DatasetError({
    reason: status === 404 ? "not-found" : "network",
    message: `Hugging Face Hub: ${what} for ${access.repo} failed${status === undefined ? "" : ` with HTTP ${status}`}${hint}: ${detail}`
  })
}

const credentials = (access: HubAccess) =>
  access.accessToken === undefined ? { hubUrl: access.hubUrl } : { hubUrl: access.hubUrl, accessToken: access.accessToken }

const repoDesignation = (access: HubAccess) => ({ type: "dataset" as const, name: access.repo })

/** Resolves a branch, tag or SHA to the commit SHA the Hub serves for it. */
export const resolveRevision = (access: HubAccess, revision: string): Effect.Effect<string, DatasetError> =>
  Effect.tryPromise({
    try: () => datasetInfo({ name: access.repo, revision, additionalFields: ["sha"], ...credentials(access) }),
    catch: toDatasetError(access, `resolving revision "${revision}"`)
  }).pipe(Effect.flatMap((info) =>
    typeof info.sha === "string" && isCommitSha(info.sha)
      ? Effect.succeed(info.sha)
      : Effect.fail(new DatasetError({ reason: "network", message: `Hugging Face Hub: no commit SHA returned for ${access.repo}@${revision}` }))))

/** Paths of all files in the repository at a commit. */
export const listRepoFiles = (access: HubAccess, sha: string): Effect.Effect<ReadonlyArray<string>, DatasetError> =>
  Effect.tryPromise({
    try: async () => {
      const paths: Array<string> = []
      for await (const entry of listFiles({ repo: repoDesignation(access), revision: sha, recursive: true, ...credentials(access) })) {
        if (entry.type === "file") paths.push(entry.path)
      }
      return paths
    },
    catch: toDatasetError(access, "listing files")
  })

/** Downloads one file at a commit to `dest` (written atomically). */
export const downloadRepoFile = (access: HubAccess, sha: string, filePath: string, dest: string): Effect.Effect<void, DatasetError> =>
  Effect.tryPromise({
    try: async () => {
      const blob = await downloadFile({ repo: repoDesignation(access), path: filePath, revision: sha, ...credentials(access) })
      if (blob === null) return false
      writeAtomic(dest, new Uint8Array(await blob.arrayBuffer()))
      return true
    },
    catch: toDatasetError(access, `downloading ${filePath}`)
  }).pipe(Effect.flatMap((found) =>
    found ? Effect.void : Effect.fail(new DatasetError({ reason: "not-found", message: `Hugging Face Hub: ${access.repo}@${sha} has no file ${filePath}` }))))
