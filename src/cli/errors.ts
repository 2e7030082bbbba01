// Errors the CLI reports without a stack trace, and the exit code of each.
import * as Data from "effect/Data"

/** Bad input: a spec, a flag, a missing file. Printed as-is; exit code 2. */
export class UserError extends Data.TaggedError("UserError")<{ readonly message: string }> {}

/** The run finished but something in it failed. The summary was already printed; exit code 1. */
export class RunFailed extends Data.TaggedError("RunFailed")<{ readonly message: string }> {}

/** Every node finished but expected cells of the spec failed their tolerance; exit code 3. */
export class ExpectationsFailed extends Data.TaggedError("ExpectationsFailed")<{ readonly message: string }> {}

/** The exit codes of every command. */
export const EXIT = { ok: 0, nodeFailed: 1, userError: 2, expectationsFailed: 3 } as const
