// Content of loaded rows: image digests attached to rows, and one digest of everything the rows hold.
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as Effect from "effect/Effect"
import { DatasetError, digestFile, type Row } from "../../../src/plugins/index.ts"
import { canonicalJson } from "../../../src/plan/keys.ts"

/**
 * The rows with each image's sha256 filled in (stat-cached under `cacheDir`). A missing image keeps no digest (a
 * teacher that needs it fails on that row, naming the file); an image that exists but cannot be read is an error.
 */
export const withImageDigests = (rows: ReadonlyArray<Row>, cacheDir: string): Effect.Effect<ReadonlyArray<Row>, DatasetError> =>
  Effect.try({
    try: () => rows.map((r) => (r.image === undefined || !fs.existsSync(r.image.path) ? r
      : { ...r, image: { ...r.image, sha256: digestFile(r.image.path, cacheDir) } })),
    catch: (e) => new DatasetError({ reason: "not-found", message: `cannot read an image: ${e instanceof Error ? e.message : String(e)}` })
  })

/** A digest of the rows' content: text, references and image bytes, never where the files lie. */
export const rowsIdentity = (rows: ReadonlyArray<Row>): string =>
  createHash("sha256").update(canonicalJson(rows.map((r) => (r.image === undefined ? r
    : { ...r, image: { sha256: r.image.sha256 ?? null, mediaType: r.image.mediaType } })))).digest("hex")
