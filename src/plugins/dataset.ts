// Dataset plugins: a source of rows (question, optional image, reference answer).
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import type * as Effect from "effect/Effect"
import type { Plugin } from "./define.ts"

/** An image travels as a file, never as inline bytes. */
export interface ImageRef {
  readonly path: string
  readonly mediaType: string
  /** Hex sha256 of the file's bytes: what caches key the image by, so a moved but identical file is the same image. */
  readonly sha256?: string
}

/** How a reference answer should be compared; judges use it as a hint. */
export type AnswerKind = "auto" | "number" | "choice" | "expression" | "list" | "text" | "relaxed-number"

/** One problem. `reference` is the answer a judge can trust. */
export interface Row {
  readonly id: string
  readonly question: string
  readonly reference: string
  readonly answerKind?: AnswerKind
  readonly choices?: ReadonlyArray<string>
  readonly image?: ImageRef
  /** Free-form extra fields (difficulty, subject, unit, precision, structured problem data, ...). */
  readonly meta?: Readonly<Record<string, unknown>>
}

/** Provenance recorded in the run (e.g. a Hub commit SHA). */
export interface DatasetInfo {
  readonly source: string
  readonly revision?: string
  readonly rows: number
}

export class DatasetError extends Data.TaggedError("DatasetError")<{
  readonly reason: "not-found" | "parse" | "network" | "offline" | "invalid-reference"
  readonly message: string
}> {}

/** The service a dataset plugin provides. */
export interface DatasetService {
  /**
   * Loads the rows. Deterministic for a given config (and pinned revision). `rows` may be a one-pass iterable (a
   * generator), read once, so a large dataset is never held whole; one that throws a DatasetError while it is read
   * fails the load as if `load` had failed.
   */
  readonly load: Effect.Effect<{ readonly rows: Iterable<Row>; readonly info: DatasetInfo }, DatasetError>
  /** A cheap row count for planning estimates, when known without loading. */
  readonly estimateRows?: number
}

export class Dataset extends Context.Service<Dataset, DatasetService>()("distill/Dataset") {}

/** A dataset plugin. */
export type DatasetPlugin<Config = any> = Plugin<"dataset", Config, Dataset, DatasetError>

/** Defines a dataset plugin. */
export const defineDataset = <Config>(p: Omit<DatasetPlugin<Config>, "kind">): DatasetPlugin<Config> =>
  ({ kind: "dataset", ...p })
