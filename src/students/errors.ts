// Tagged errors of the student runtime (Python discovery, loading and decoding ONNX students).
import * as Data from "effect/Data"

/** A student directory that cannot be loaded or a decoding failure. */
export class StudentError extends Data.TaggedError("StudentError")<{
  readonly reason: "bad-manifest" | "load-failed" | "inference-failed" | "bad-options"
  readonly message: string
}> {}
