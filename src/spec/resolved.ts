// The loaded spec: the schema's Experiment type (defaults applied) plus its location and loaded plugins.
import type { Capabilities, PluginKind } from "../plugins/index.ts"
import type { Experiment } from "./types.gen.ts"

/** A plugin reference after loading: identity of the plugin found and its validated config (defaults applied). */
export interface ResolvedPlugin {
  readonly kind: PluginKind
  /** The `use:` value (relative paths are relative to the spec's directory). */
  readonly use: string
  readonly name: string
  readonly version: string
  readonly description: string
  readonly capabilities: Capabilities
  /** The `with:` block with the plugin's defaults; `${env:...}` placeholders are kept. */
  readonly config: Readonly<Record<string, unknown>>
  /** Config fields the plugin's schema marks `"x-key": "resource"` (never in a key). */
  readonly resourceFields?: ReadonlyArray<string>
  /** Config fields marked `"x-key": "location"` (paths, revisions): keyed by the content they name, once it is known. */
  readonly locationFields?: ReadonlyArray<string>
}

/** A plugin reference as it appears in a resolved spec. */
export interface ResolvedPluginRef {
  readonly use: string
  readonly with: Record<string, unknown>
}

/** A validated spec with every default applied; `${env:...}` placeholders are kept as written. */
export type ResolvedSpec = Omit<Experiment, "students" | "include"> & {
  readonly students: Experiment["students"] & { readonly trainer: ResolvedPluginRef }
  /** Absolute path of the spec file. */
  readonly file: string
  /** Its directory: relative paths in configs resolve against it. */
  readonly dir: string
  /** Every file read (the spec and its includes), absolute. */
  readonly files: ReadonlyArray<string>
  /** Loaded plugins keyed by the JSON pointer of their `{ use, with }` block, e.g. "/teachers/long". */
  readonly plugins: Readonly<Record<string, ResolvedPlugin>>
}
