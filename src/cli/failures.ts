// How a command's failure reaches the user: its message on stderr and an exit code (errors.ts), never a stack trace.
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { StoreError } from "../store/errors.ts"
import { EXIT, type ExpectationsFailed, type RunFailed, type UserError } from "./errors.ts"

const report = (message: string, code: number) =>
  Console.error(message).pipe(Effect.andThen(Effect.sync(() => { process.exitCode = code })))

/** `Effect.catchTags` handlers of the failures every command may end with. */
export const failureHandlers = {
  UserError: (e: UserError) => report(e.message, EXIT.userError),
  RunFailed: (e: RunFailed) => report(e.message, EXIT.nodeFailed),
  ExpectationsFailed: (e: ExpectationsFailed) => report(e.message, EXIT.expectationsFailed)
}

/** `Effect.catchDefect` handler: a store that cannot be read or written is reported like a failed node; other defects stay defects. */
export const storeDefect = (d: unknown): Effect.Effect<void> => d instanceof StoreError ? report(d.message, EXIT.nodeFailed) : Effect.die(d)
