// Dataset plugin `local`: rows from a JSON lines, JSON (array or keyed object) or Parquet file with a field mapping.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import {
  Dataset, DatasetError, defineDataset, PluginHost, type AnswerKind, type JsonSchemaObject
} from "../../../src/plugins/index.ts"
import schema from "./config.schema.json" with { type: "json" }
import { recordToRow, type FieldMap } from "./map-fields.ts"
import { formatFromPath, readRecords, type RecordFormat } from "./read-records.ts"
import { recordsToRows } from "./to-rows.ts"
import { rowsIdentity, withImageDigests } from "./content.ts"

/** The validated `with:` block. */
export interface LocalConfig {
  readonly path: string
  readonly format?: RecordFormat
  readonly fields: FieldMap
  readonly answer_kind: AnswerKind
  readonly image_dir?: string
  readonly limit?: number
}

/** Loads the rows of `config`, paths resolved against `specDir`, image digests cached under `cacheDir`. */
export const loadLocal = (config: LocalConfig, dirs: { readonly specDir: string; readonly cacheDir: string }) =>
  Effect.gen(function*() {
    const file = path.resolve(dirs.specDir, config.path)
    const format = config.format ?? formatFromPath(file)
    if (format === null) {
      return yield* new DatasetError({ reason: "parse", message: `${file}: unknown extension; set format: jsonl|json|parquet` })
    }
    const records = yield* readRecords(file, format)
    const options = {
      fields: config.fields,
      answerKind: config.answer_kind ?? "auto",
      idPrefix: path.basename(file).replace(/\.[^.]+$/u, ""),
      images: {
        baseDir: config.image_dir === undefined ? path.dirname(file) : path.resolve(dirs.specDir, config.image_dir),
        bytesDir: path.join(dirs.cacheDir, "images")
      }
    }
    const rows = yield* withImageDigests(yield* recordsToRows(records, (r, i) => recordToRow(r, i, options), file, config.limit), dirs.cacheDir)
    return { rows, info: { source: `local:${file}`, rows: rows.length } }
  })

export default defineDataset<LocalConfig>({
  name: "local",
  version: "1.1.0",
  description: "Rows from a local JSONL, JSON or Parquet file, mapped by field names.",
  configSchema: schema as JsonSchemaObject,
  capabilities: { deterministic: true, network: false, gpu: false },
  layer: (config) =>
    Layer.effect(Dataset, Effect.gen(function*() {
      const host = yield* PluginHost
      return Dataset.of({ load: loadLocal(config, host) })
    })),
  identity: (config, host) => loadLocal(config, host).pipe(Effect.map(({ rows }) => ({ rows: rowsIdentity(rows) })))
})
