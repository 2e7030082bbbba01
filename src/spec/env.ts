// `${env:NAME}` placeholders: found and checked at load time, substituted only when a plugin is built, redacted in logs.
import type { Issue } from "./diagnostic.ts"
import { childPointer } from "./pointer.ts"

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

/** The values substituted into `spec` (distinct, non-empty), for redacting logs and error messages. */
export const secretValues = (spec: unknown, env: Env): ReadonlyArray<string> => {
  const values = new Set<string>()
  for (const [, text] of strings(spec)) {
    for (const name of placeholderNames(text)) {
      const v = env[name]
      if (v !== undefined && v !== "") values.add(v)
    }
  }
  return [...values]
}

/** `text` with every occurrence of every secret replaced by `***` (longest secrets first). */
export const redact = (text: string, secrets: ReadonlyArray<string>): string =>
  [...secrets].filter((s) => s !== "").sort((a, b) => b.length - a.length)
    .reduce((acc, secret) => acc.split(secret).join("***"), text)
