// Teacher plugin `published-traces`: replays a released dataset of traces, so a user reproduces the student side without paying the teacher again.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import {
  defineTeacher, PluginHost, Teacher, TeacherError, type Completion, type JsonSchemaObject, type TeacherRequest
} from "../../../src/plugins/index.ts"
import { fetchSplit } from "../../dataset/hf-hub/fetch-split.ts"
import { HUB_URL, isTruthy } from "../../dataset/hf-hub/index.ts"
import { formatFromPath, readRecords, type SourceRecord } from "../../dataset/local/read-records.ts"
import schema from "./config.schema.json" with { type: "json" }
import { traceIndex } from "./trace-index.ts"

/** The validated `with:` block. */
export interface PublishedTracesConfig {
  readonly path?: string
  readonly repo?: string
  readonly revision: string
  readonly split: string
  readonly files?: ReadonlyArray<string>
  readonly question_field: string
  readonly trace_field: string
  readonly name?: string
}

const tokens = (text: string): number => Math.ceil(text.length / 4)

export default defineTeacher<PublishedTracesConfig>({
  name: "published-traces",
  version: "1.0.0",
  description: "Replays a published dataset of traces (a local file, or a Hub repository at a revision): each problem gets the trace the dataset holds for it.",
  configSchema: schema as JsonSchemaObject,
  capabilities: { deterministic: true, network: false, gpu: false },
  layer: (config) =>
    Layer.effect(Teacher, Effect.gen(function*() {
      const host = yield* PluginHost
      const fail = (message: string) => new TeacherError({ reason: "client", message })
      const load: Effect.Effect<{ records: ReadonlyArray<SourceRecord>; source: string }, TeacherError> = config.path !== undefined
        ? Effect.gen(function*() {
          const file = path.resolve(host.specDir, config.path!)
          const format = formatFromPath(file)
          if (format === null) return yield* fail(`${file}: unknown extension (jsonl, json or parquet)`)
          return { records: yield* readRecords(file, format).pipe(Effect.mapError((e) => fail(e.message))), source: path.basename(file) }
        })
        : Effect.gen(function*() {
          const token = host.env("HF_TOKEN")
          const fetched = yield* fetchSplit({
            access: { repo: config.repo!, hubUrl: (host.env("HF_ENDPOINT") ?? HUB_URL).replace(/\/+$/u, ""), ...(token ? { accessToken: token } : {}) },
            cacheDir: host.cacheDir, revision: config.revision, split: config.split, offline: isTruthy(host.env("HF_HUB_OFFLINE")),
            ...(config.files === undefined ? {} : { files: config.files })
          }).pipe(Effect.mapError((e) => fail(e.message)))
          const records: SourceRecord[] = []
          for (const f of fetched.files) {
            const format = formatFromPath(f)
            if (format !== null) records.push(...(yield* readRecords(path.join(fetched.dir, f), format).pipe(Effect.mapError((e) => fail(e.message)))))
          }
          return { records, source: `${config.repo}@${fetched.sha.slice(0, 12)}` }
        })
      const loaded = yield* Effect.cached(load)
      const model = config.name ?? (config.repo ?? path.basename(config.path ?? "traces"))
      return Teacher.of({
        provider: "published", model, rateKey: `published:${model}`, price: { inputPerM: 0, outputPerM: 0 },
        generate: (request: TeacherRequest) => Effect.gen(function*() {
          const { records, source } = yield* loaded
          const index = traceIndex(records, config.question_field, config.trace_field)
          const question = request.row?.question
          if (question === undefined) return yield* fail("published-traces needs the dataset row of the request")
          const trace = index.find(question)
          if (trace === undefined) return yield* fail(`no trace for this problem in ${source} (matched by normalised ${config.question_field})`)
          return { text: trace, usage: { inputTokens: tokens(request.prompt), outputTokens: tokens(trace) }, finishReason: "stop", model } satisfies Completion
        })
      })
    }))
})
