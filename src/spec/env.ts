// `${env:NAME}` placeholders: found and checked at load time, substituted only when a plugin is built, redacted in logs.
import type { Issue } from "./diagnostic.ts"
import { childPointer } from "./pointer.ts"
import { redactSecrets } from "./redact.ts"
import { secretEnvValues } from "./secret-env.ts"

/** The environment the loader reads (process.env by default). */
export type Env = Readonly<Record<string, string | undefined>>

const PLACEHOLDER = /\$\{env:([^}]*)\}/g
const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Every string of a value with its JSON pointer. */
const strings = function*(value: unknown, pointer = ""): Generator<readonly [string, string]> {
  if (typeof value === "string") yield [pointer, value]
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, childPointer(pointer, i))
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) yield* strings(v, childPointer(pointer, k))
  }
}

/** Names of the variables a string refers to. */
export const placeholderNames = (text: string): ReadonlyArray<string> => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!)

/** Malformed placeholders and unset variables, located at the string that holds them. Values are never shown. */
export const envIssues = (spec: unknown, env: Env): ReadonlyArray<Issue> => {
  const issues: Array<Issue> = []
  for (const [pointer, text] of strings(spec)) {
    for (const name of placeholderNames(text)) {
      if (!VALID_NAME.test(name)) {
        issues.push({ pointer, message: `malformed placeholder '\${env:${name}}': expected \${env:NAME} with NAME made of letters, digits and '_'` })
      } else if (env[name] === undefined) {
        issues.push({ pointer, message: `environment variable ${name} is not set (referenced as \${env:${name}})` })
      }
    }
  }
  return issues
}

/**
 * A copy of `value` with every `${env:NAME}` replaced by its value in `env`.
 * Placeholders of unset variables stay as written (loadSpec has already reported them).
 */
export const materialize = <T>(value: T, env: Env): T => {
  if (typeof value === "string") {
    return value.replace(PLACEHOLDER, (whole, name: string) => env[name] ?? whole) as T
  }
  if (Array.isArray(value)) return value.map((v) => materialize(v, env)) as T
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, materialize(v, env)])) as T
  }
  return value
}

/** Config keys that name the variable holding a credential (`api_key_env: ANTHROPIC_API_KEY`). */
const KEY_ENV_FIELD = /(^|_)(api_key|key|token|secret)_env$/

/** Every `[key, value]` pair of a value, at any depth. */
const pairs = function*(value: unknown): Generator<readonly [string, unknown]> {
  if (Array.isArray(value)) for (const v of value) yield* pairs(v)
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      yield [k, v]
      yield* pairs(v)
    }
  }
}

/** Names of the variables a spec's plugins read keys from (`api_key_env: X` and the like, at any depth). */
export const keyEnvNames = (spec: unknown): ReadonlyArray<string> =>
  [...new Set([...pairs(spec)].flatMap(([k, v]) => (KEY_ENV_FIELD.test(k) && typeof v === "string" ? [v] : [])))]

/**
 * The secrets a run must never write (distinct, non-empty): values substituted into `spec` by `${env:NAME}`,
 * the variables its plugins read keys from (`api_key_env` and the like, defaults included once applied), and
 * any variable of `env` whose name marks a credential (at least 8 characters long, so that `X_TOKEN=1` does not
 * mask every 1).
 */
export const secretValues = (spec: unknown, env: Env): ReadonlyArray<string> => {
  const values = new Set<string>()
  const add = (name: string) => {
    const v = env[name]
    if (v !== undefined && v !== "") values.add(v)
  }
  for (const [, text] of strings(spec)) for (const name of placeholderNames(text)) add(name)
  for (const name of keyEnvNames(spec)) add(name)
  for (const v of secretEnvValues(env)) values.add(v)
  return [...values]
}

/** `text` with every form of every secret (raw, URL-encoded, JSON-escaped, base64, hex) and credential headers replaced by `***`. */
export const redact = (text: string, secrets: ReadonlyArray<string>): string => redactSecrets(text, secrets, "***")
