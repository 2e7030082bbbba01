// Finds plugins by name (built-ins under plugins/<kind>/), relative path or npm package, and loads them lazily.
import * as fs from "node:fs"
import * as path from "node:path"
import { createRequire } from "node:module"
import { pathToFileURL, fileURLToPath } from "node:url"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import type { AnyPlugin, PluginKind } from "./define.ts"
import { allowedFromEnv, allowedRoots, refusePluginFile } from "./plugin-paths.ts"
import { didYouMean } from "./suggest.ts"

/** The repository's built-in plugin folder. */
export const builtinPluginDir = fileURLToPath(new URL("../../plugins/", import.meta.url))

export class PluginNotFound extends Data.TaggedError("PluginNotFound")<{
  readonly kind: PluginKind
  readonly name: string
  readonly message: string
}> {}

/** A `use:` that names a file which is not a module, or lies outside the folders plugins may load from. */
export class PluginRefused extends Data.TaggedError("PluginRefused")<{
  readonly reason: "not-a-module" | "outside-allowed-paths"
  readonly name: string
  readonly message: string
}> {}

export class PluginInvalid extends Data.TaggedError("PluginInvalid")<{
  readonly name: string
  readonly message: string
}> {}

/** Names of the built-in plugins of a kind (directory listing, no import). */
export const builtinNames = (kind: PluginKind): ReadonlyArray<string> => {
  const dir = path.join(builtinPluginDir, kind)
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "index.ts")))
    .map((e) => e.name)
    .sort()
}

const isPathLike = (use: string) => use.startsWith("./") || use.startsWith("../") || path.isAbsolute(use)

/** Where a `use:` value points and how it was found, or undefined when the name is unknown. */
export const resolvePluginFile = (kind: PluginKind, use: string, specDir: string): { readonly file: string; readonly via: "path" | "builtin" | "package" } | undefined => {
  if (isPathLike(use)) {
    const file = path.resolve(specDir, use)
    const candidates = [file, path.join(file, "index.ts"), path.join(file, "index.js")]
    const hit = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile())
    return hit === undefined ? undefined : { file: hit, via: "path" }
  }
  const builtin = path.join(builtinPluginDir, kind, use, "index.ts")
  if (fs.existsSync(builtin)) return { file: builtin, via: "builtin" }
  try {
    return { file: createRequire(path.join(specDir, "package.json")).resolve(use), via: "package" }
  } catch {
    return undefined
  }
}

/** Where a `use:` value points: a module URL, or undefined when the name is unknown. */
export const resolvePluginModule = (kind: PluginKind, use: string, specDir: string): string | undefined => {
  const hit = resolvePluginFile(kind, use, specDir)
  return hit === undefined ? undefined : pathToFileURL(hit.file).href
}

const frameworkRoot = path.resolve(builtinPluginDir, "..")

const cache = new Map<string, AnyPlugin>()

/**
 * Loads the plugin a `use:` value names, checking that it is of the expected kind. A path-like `use:` must name a
 * module inside the spec's folder tree, its project, or `allowedPaths` (default: DISTILL_PLUGIN_PATH); nothing is
 * imported otherwise.
 */
export const loadPlugin = (
  kind: PluginKind, use: string, specDir: string, allowedPaths: ReadonlyArray<string> = allowedFromEnv(process.env)
): Effect.Effect<AnyPlugin, PluginNotFound | PluginInvalid | PluginRefused> =>
  Effect.gen(function*() {
    const hit = resolvePluginFile(kind, use, specDir)
    if (hit !== undefined) {
      const refused = refusePluginFile(hit.file, use, allowedRoots(specDir, frameworkRoot, allowedPaths), hit.via !== "path")
      if (refused !== undefined) return yield* new PluginRefused({ ...refused, name: use })
    }
    const url = hit === undefined ? undefined : pathToFileURL(hit.file).href
    if (url === undefined) {
      const names = builtinNames(kind)
      return yield* new PluginNotFound({
        kind, name: use,
        message: `unknown ${kind} plugin '${use}'.${didYouMean(use, names)} Available: ${names.join(", ") || "(none)"}`
      })
    }
    const cached = cache.get(url)
    if (cached !== undefined && cached.kind !== kind) {
      return yield* new PluginInvalid({ name: use, message: `plugin '${use}' is a ${cached.kind} plugin, not a ${kind} plugin` })
    }
    if (cached !== undefined) return cached
    const mod = yield* Effect.tryPromise({
      try: () => import(url) as Promise<{ default?: AnyPlugin }>,
      catch: (e) => new PluginInvalid({ name: use, message: `cannot load plugin '${use}': ${String(e)}` })
    })
    const plugin = mod.default
    if (plugin === undefined || typeof plugin !== "object" || typeof plugin.layer !== "function") {
      return yield* new PluginInvalid({ name: use, message: `plugin '${use}' has no default export made by a define*() helper` })
    }
    if (plugin.kind !== kind) {
      return yield* new PluginInvalid({ name: use, message: `plugin '${use}' is a ${plugin.kind} plugin, not a ${kind} plugin` })
    }
    cache.set(url, plugin)
    return plugin
  })
