// Dataset plugin `hf-hub`: a split of a Hugging Face Hub dataset, pinned to a commit SHA and cached on disk.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import {
  Dataset, DatasetError, defineDataset, PluginHost, type AnswerKind, type IdentityHost, type JsonSchemaObject
} from "../../../src/plugins/index.ts"
import { recordToRow, type FieldMap } from "../local/map-fields.ts"
import { formatFromPath, readRecords, type SourceRecord } from "../local/read-records.ts"
import { recordsToRows } from "../local/to-rows.ts"
import schema from "./config.schema.json" with { type: "json" }
import { fetchSplit } from "./fetch-split.ts"
import { resolveRevision, type HubAccess } from "./hub-api.ts"
import { isCommitSha, readRef, repoCacheDir, writeRef } from "./hub-cache.ts"

/** The validated `with:` block. */
export interface HfHubConfig {
  readonly repo: string
  readonly config?: string
  readonly split: string
  readonly revision: string
  readonly files?: ReadonlyArray<string>
  readonly hub_url?: string
  readonly offline: boolean
  readonly fields: FieldMap
  readonly answer_kind: AnswerKind
  readonly limit?: number
}

/** Default Hub endpoint. */
export const HUB_URL = "https://huggingface.co"

/** True when an environment flag is set to 1/true/yes. */
export const isTruthy = (value: string | undefined): boolean => value !== undefined && /^(1|true|yes|on)$/iu.test(value.trim())

const accessOf = (config: HfHubConfig, env: (name: string) => string | undefined): HubAccess => {
  const token = env("HF_TOKEN")
  return {
    repo: config.repo,
    hubUrl: (config.hub_url ?? env("HF_ENDPOINT") ?? HUB_URL).replace(/\/+$/u, ""),
    ...(token === undefined || token === "" ? {} : { accessToken: token })
  }
}

/**
 * The commit the configured revision names: a SHA as is; a branch or tag resolved on the Hub (and remembered);
 * offline or when the Hub cannot be reached, the commit it resolved to last time, with a warning.
 */
const commitOf = (config: HfHubConfig, host: IdentityHost) =>
  Effect.gen(function*() {
    const revision = config.revision ?? "main"
    if (isCommitSha(revision)) return revision
    const root = repoCacheDir(host.cacheDir, config.repo)
    const offline = (config.offline ?? false) || isTruthy(host.env("HF_HUB_OFFLINE"))
    if (!offline) {
      const resolved = yield* Effect.result(resolveRevision(accessOf(config, host.env), revision))
      if (resolved._tag === "Success") {
        writeRef(root, revision, resolved.success)
        return resolved.success
      }
      host.warn(`${config.repo}@${revision}: ${resolved.failure.message}`)
    }
    const last = readRef(root, revision)
    if (last === null) return yield* Effect.fail(new Error(`${config.repo}@${revision} was never resolved to a commit and the Hub is not reachable`))
    host.warn(`${config.repo}@${revision}: ${offline ? "offline" : "Hub not reachable"}, using ${last.slice(0, 12)}, the commit it resolved to last time`)
    return last
  })

export default defineDataset<HfHubConfig>({
  name: "hf-hub",
  version: "1.1.0",
  description: "A split of a Hugging Face Hub dataset (parquet/jsonl), resolved to a commit SHA and cached.",
  configSchema: schema as JsonSchemaObject,
  capabilities: { deterministic: true, network: true, gpu: false },
  layer: (config) =>
    Layer.effect(Dataset, Effect.gen(function*() {
      const host = yield* PluginHost
      const access = accessOf(config, host.env)
      const load = Effect.gen(function*() {
        const fetched = yield* fetchSplit({
          access,
          cacheDir: host.cacheDir,
          revision: config.revision ?? "main",
          split: config.split ?? "train",
          offline: (config.offline ?? false) || isTruthy(host.env("HF_HUB_OFFLINE")),
          ...(config.config === undefined ? {} : { config: config.config }),
          ...(config.files === undefined ? {} : { files: config.files })
        })
        const records: Array<SourceRecord> = []
        for (const file of fetched.files) {
          const format = formatFromPath(file)
          if (format === null) return yield* new DatasetError({ reason: "parse", message: `${config.repo}: unsupported file type ${file}` })
          records.push(...(yield* readRecords(path.join(fetched.dir, file), format)))
        }
        const split = config.split ?? "train"
        const options = {
          fields: config.fields,
          answerKind: config.answer_kind ?? "auto",
          idPrefix: split,
          images: { baseDir: fetched.dir, bytesDir: path.join(host.cacheDir, "images") }
        }
        const rows = yield* recordsToRows(records, (r, i) => recordToRow(r, i, options), `${config.repo}@${fetched.sha}`, config.limit)
        const source = `hf-hub:${config.repo}${config.config === undefined ? "" : `/${config.config}`}:${split}`
        return { rows, info: { source, revision: fetched.sha, rows: rows.length } }
      })
      return Dataset.of({ load })
    })),
  identity: (config, host) => commitOf(config, host).pipe(Effect.map((commit) => ({ commit })))
})
