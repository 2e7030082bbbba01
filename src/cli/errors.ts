// Errors the CLI reports as a user's mistake (exit 2) or a failed run (exit 1), without a stack trace.
import { Data } from "effect"

/** Bad input: a spec, a flag, a missing file. Printed as-is; exit code 2. */
export class UserError extends Data.TaggedError("UserError")<{ readonly message: string }> {}

/** The run finished but something in it failed. The summary was already printed; exit code 1. */
export class RunFailed extends Data.TaggedError("RunFailed")<{ readonly message: string }> {}
