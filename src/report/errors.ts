// Errors raised while building a report.
import * as Data from "effect/Data"

/** A report could not be rendered or written. */
export class ReportError extends Data.TaggedError("ReportError")<{
  readonly reason: "chart-failed" | "write-failed"
  readonly message: string
}> {}
