// Why a decode or sample worker stopped.
import * as Data from "effect/Data"

/** A worker failure: its job file, its student, its decoding or its log. */
export class WorkerError extends Data.TaggedError("WorkerError")<{
  readonly reason: "job-file" | "student" | "decode" | "log"
  readonly message: string
}> {}
