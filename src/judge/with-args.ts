// Turns repeated `--with key=value` arguments into a plugin config object (typed values, dotted keys nested).
import * as Data from "effect/Data"
import * as Result from "effect/Result"

/** A `--with` argument that cannot be read. */
export class WithArgsError extends Data.TaggedError("WithArgsError")<{
  readonly reason: "missing-equals" | "empty-key" | "conflict"
  readonly message: string
}> {}

/** The value of `key=value`: JSON when it parses (numbers, booleans, null, arrays, objects, "quoted"), else the raw string. */
export const parseWithValue = (raw: string): unknown => {
  const t = raw.trim()
  if (t === "") return ""
  try {
    return JSON.parse(t)
  } catch {
    return raw
  }
}

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v)

/**
 * Builds a config from `key=value` strings: `a.b=1` sets `{ a: { b: 1 } }`; a later value for the
 * same key wins; a key that is both a value and a parent (`a=1` and `a.b=2`) is a conflict.
 */
export const parseWithArgs = (args: ReadonlyArray<string>): Result.Result<Obj, WithArgsError> => {
  const root: Obj = {}
  // Messages name keys only: a value may be a secret.
  for (const [n, arg] of args.entries()) {
    const eq = arg.indexOf("=")
    if (eq < 0) return Result.fail(new WithArgsError({ reason: "missing-equals", message: `--with argument ${n + 1} is not key=value` }))
    const path = arg.slice(0, eq).trim().split(".")
    if (path.some((p) => p === "")) {
      return Result.fail(new WithArgsError({ reason: "empty-key", message: `--with argument ${n + 1} has an empty key ('${arg.slice(0, eq)}')` }))
    }
    let node = root
    for (const [i, key] of path.entries()) {
      if (i === path.length - 1) {
        if (isObj(node[key]) && Object.keys(node[key]).length > 0) {
          return Result.fail(new WithArgsError({ reason: "conflict", message: `--with '${path.join(".")}' replaces the nested keys set under it` }))
        }
        node[key] = parseWithValue(arg.slice(eq + 1))
      } else {
        const next = node[key]
        if (next !== undefined && !isObj(next)) {
          return Result.fail(new WithArgsError({ reason: "conflict", message: `--with '${path.slice(0, i + 1).join(".")}' is a value and also has nested keys` }))
        }
        if (next === undefined) node[key] = {}
        node = node[key] as Obj
      }
    }
  }
  return Result.succeed(root)
}
