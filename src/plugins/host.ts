// Services the engine offers to plugins: where to cache, and access to other plugins (an LLM judge uses a teacher).
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { TeacherService } from "./teacher.ts"

/** A reference to a plugin as written in a spec: `{ use, with }`. */
export interface PluginRef {
  readonly use: string
  readonly with?: Readonly<Record<string, unknown>>
}

/**
 * A teacher wanted by another plugin (an LLM judge), written like a spec teacher: `{ use, with }` plus the
 * engine's `limits:` and `price:` for its calls (snake_case, as in a spec).
 */
export interface TeacherRef extends PluginRef {
  readonly limits?: {
    readonly requests_per_minute?: number
    readonly tokens_per_minute?: number
    readonly concurrency?: number
    readonly max_attempts?: number
    readonly timeout_ms?: number
  }
  readonly price?: { readonly input_per_m: number; readonly output_per_m: number }
}

/** What the engine hands to every plugin layer. */
export class PluginHost extends Context.Service<PluginHost, {
  /** A directory the plugin may use as a persistent download cache (shared across runs). */
  readonly cacheDir: string
  /** The directory of the spec being run; relative paths in configs resolve against it. */
  readonly specDir: string
  /**
   * Builds another teacher from its reference (used by LLM-as-judge). Inside a run every call of the
   * teacher goes through the engine's raw-response cache and call policy (rate limits, retries, dead
   * letters, budget) and is counted; a failure it returns is final (retries are spent).
   */
  readonly teacher: (ref: TeacherRef) => Effect.Effect<TeacherService, Error>
  /** Reads an environment variable (secrets are resolved by the engine, never logged). */
  readonly env: (name: string) => string | undefined
}>()("distill/PluginHost") {}
