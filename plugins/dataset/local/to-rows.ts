// Maps a list of source records to rows inside Effect: limit, failures as DatasetError, duplicate id check.
import * as Effect from "effect/Effect"
import { DatasetError, type Row } from "../../../src/plugins/index.ts"
import { isMapFailure, type MapFailure } from "./map-fields.ts"
import type { SourceRecord } from "./read-records.ts"

/** Turns one record (with its position) into a row or a failure; may throw only on file system errors. */
export type RecordMapper = (record: SourceRecord, index: number) => Row | MapFailure

/** Maps the first `limit` records (all when undefined) to rows; `source` names the data in error messages. */
export const recordsToRows = (
  records: ReadonlyArray<SourceRecord>,
  mapper: RecordMapper,
  source: string,
  limit?: number
): Effect.Effect<ReadonlyArray<Row>, DatasetError> =>
  Effect.gen(function*() {
    const selected = limit === undefined ? records : records.slice(0, limit)
    const rows: Array<Row> = []
    const seen = new Set<string>()
    for (let i = 0; i < selected.length; i++) {
      const mapped = yield* Effect.try({
        try: () => mapper(selected[i] as SourceRecord, i),
        catch: (e) => new DatasetError({ reason: "parse", message: `${source}: cannot store image: ${(e as Error).message}` })
      })
      if (isMapFailure(mapped)) return yield* new DatasetError({ reason: mapped.reason, message: `${source}: ${mapped.message}` })
      if (seen.has(mapped.id)) return yield* new DatasetError({ reason: "parse", message: `${source}: duplicate id "${mapped.id}"` })
      seen.add(mapped.id)
      rows.push(mapped)
    }
    return rows
  })
