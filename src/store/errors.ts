// Typed failures of the store: every one names the file it concerns and why it failed.
import * as Data from "effect/Data"

/**
 * A store, lock or sample-log operation failed. `reason`: `read` / `write` (an I/O error), `corrupted`
 * (content that cannot be parsed or fails its check), `lock-held` (another live run owns the lock).
 */
export class StoreError extends Data.TaggedError("StoreError")<{
  readonly reason: "read" | "write" | "corrupted" | "lock-held"
  readonly file: string
  /** 1-based line of a JSON-lines file, for `corrupted`. */
  readonly line?: number
  readonly message: string
}> {}

const describe = (cause: unknown): string => {
  const e = cause as NodeJS.ErrnoException | undefined
  if (e?.code !== undefined) return e.code === "ENOENT" ? "no such file" : e.code === "EACCES" || e.code === "EPERM" ? "permission denied" : e.code === "ENOSPC" ? "no space left on device" : e.code
  return cause instanceof Error ? cause.message : String(cause)
}

/** A StoreError for `file`; an I/O `cause` is described by its errno code, never with a stack. */
export const storeError = (reason: StoreError["reason"], file: string, what: string, cause?: unknown, line?: number): StoreError =>
  new StoreError({
    reason, file, ...(line === undefined ? {} : { line }),
    message: `${what} ${file}${line === undefined ? "" : `:${line}`}${cause === undefined ? "" : `: ${describe(cause)}`}`
  })

/** Runs a synchronous file operation; any thrown I/O error becomes a StoreError naming `file`. */
export const guarded = <A>(reason: "read" | "write", file: string, what: string, f: () => A): A => {
  try {
    return f()
  } catch (e) {
    if (e instanceof StoreError) throw e
    throw storeError(reason, file, what, e)
  }
}
