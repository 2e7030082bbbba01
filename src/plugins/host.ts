// Services the engine offers to plugins: where to cache, and access to other plugins (an LLM judge uses a teacher).
import { Context, type Effect } from "effect"
import type { TeacherService } from "./teacher.ts"

/** A reference to a plugin as written in a spec: `{ use, with }`. */
export interface PluginRef {
  readonly use: string
  readonly with?: Readonly<Record<string, unknown>>
}

/** What the engine hands to every plugin layer. */
export class PluginHost extends Context.Service<PluginHost, {
  /** A directory the plugin may use as a persistent download cache (shared across runs). */
  readonly cacheDir: string
  /** The directory of the spec being run; relative paths in configs resolve against it. */
  readonly specDir: string
  /** Builds another teacher from its reference (used by LLM-as-judge). */
  readonly teacher: (ref: PluginRef) => Effect.Effect<TeacherService, Error>
  /** Reads an environment variable (secrets are resolved by the engine, never logged). */
  readonly env: (name: string) => string | undefined
}>()("distill/PluginHost") {}
