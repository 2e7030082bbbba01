// Loads a benchmark file through its adapter.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type { DatasetError, DatasetInfo, Row } from "../../../src/plugins/index.ts"
import { formatFromPath, readRecords } from "../local/read-records.ts"
import { recordsToRows } from "../local/to-rows.ts"
import { adapters, type BenchmarkName } from "./adapters/index.ts"

/** A benchmark load request with absolute paths. */
export interface BenchmarkRequest {
  readonly name: BenchmarkName
  readonly file: string
  readonly imageDir?: string
  readonly limit?: number
}

/** Reads the file and maps every record with the benchmark's adapter. */
export const loadBenchmark = (req: BenchmarkRequest): Effect.Effect<{ rows: ReadonlyArray<Row>; info: DatasetInfo }, DatasetError> =>
  Effect.gen(function*() {
    const adapter = adapters[req.name]
    const records = yield* readRecords(req.file, formatFromPath(req.file) ?? adapter.defaultFormat)
    const imageDir = req.imageDir ?? adapter.defaultImageDir?.(req.file) ?? path.dirname(req.file)
    const rows = yield* recordsToRows(records, (r, i) => adapter.toRow(r, i, { imageDir }), `${req.name} ${req.file}`, req.limit)
    return { rows, info: { source: `benchmark:${req.name}:${req.file}`, rows: rows.length } }
  })
