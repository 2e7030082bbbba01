// The plugin contract shared by every kind: identity, config schema, capabilities and a layer constructor.
import type * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import type { PluginHost } from "./host.ts"

/** The kinds of plugin the engine knows. */
export type PluginKind = "dataset" | "teacher" | "judge" | "trainer" | "backend"

/** What a plugin declares about itself; shown by `distill plugins` and used by the planner. */
export interface Capabilities {
  /** Same config and inputs always give the same outputs. */
  readonly deterministic: boolean
  /** Needs network access (an API, the Hugging Face Hub). */
  readonly network: boolean
  /** Needs a GPU to run at useful speed. */
  readonly gpu: boolean
}

/** A JSON Schema object; every property of a plugin config schema carries a `description`. */
export type JsonSchemaObject = Readonly<Record<string, unknown>>

/**
 * A plugin of kind `K`: a plain object made by one of the `define*` helpers.
 * `version` is part of every cache key that uses the plugin: bump it when its outputs change.
 */
export interface Plugin<K extends PluginKind, Config, Service, E = never> {
  readonly kind: K
  readonly name: string
  readonly version: string
  readonly description: string
  /** JSON Schema of the `with:` block (validated by ajv before `layer` is called). */
  readonly configSchema: JsonSchemaObject
  readonly capabilities: Capabilities
  /** Builds the kind's service from a validated config. */
  readonly layer: (config: Config) => Layer.Layer<Service, E, PluginHost>
  /**
   * The content identity of what the plugin reads (digests of its files, the commit a revision resolves to), computed
   * before planning. It replaces the config's `"x-key": "location"` fields in keys, so a moved but identical input
   * keeps its keys and an input edited in place gets new ones.
   */
  readonly identity?: (config: Config, host: IdentityHost) => Effect.Effect<unknown, Error>
}

/** What an identity function may use. */
export interface IdentityHost {
  readonly specDir: string
  readonly cacheDir: string
  readonly env: (name: string) => string | undefined
  /** Reports something the user should know (e.g. an offline fallback to the last resolved revision). */
  readonly warn: (message: string) => void
  /** The spec's students section, for a trainer's identity (which weights each size starts from). */
  readonly students?: {
    readonly family: string
    readonly sizes: ReadonlyArray<string>
    readonly size_config?: Readonly<Record<string, Readonly<Record<string, unknown>>>>
  }
}

/** Any plugin, as stored in the registry. */
export type AnyPlugin = Plugin<PluginKind, any, any, any>
