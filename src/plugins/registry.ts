// Finds plugins by name (built-ins under plugins/<kind>/), relative path or npm package, and loads them lazily.
import * as fs from "node:fs"
import * as path from "node:path"
import { createRequire } from "node:module"
import { pathToFileURL, fileURLToPath } from "node:url"
import { Data, Effect } from "effect"
import type { AnyPlugin, PluginKind } from "./define.ts"
import { didYouMean } from "./suggest.ts"

/** The repository's built-in plugin folder. */
export const builtinPluginDir = fileURLToPath(new URL("../../plugins/", import.meta.url))

export class PluginNotFound extends Data.TaggedError("PluginNotFound")<{
  readonly kind: PluginKind
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

/** Where a `use:` value points: a module URL, or undefined when the name is unknown. */
export const resolvePluginModule = (kind: PluginKind, use: string, specDir: string): string | undefined => {
  if (isPathLike(use)) {
    const file = path.resolve(specDir, use)
    const candidates = [file, path.join(file, "index.ts"), path.join(file, "index.js")]
    const hit = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile())
    return hit === undefined ? undefined : pathToFileURL(hit).href
  }
  const builtin = path.join(builtinPluginDir, kind, use, "index.ts")
  if (fs.existsSync(builtin)) return pathToFileURL(builtin).href
  try {
    return pathToFileURL(createRequire(path.join(specDir, "package.json")).resolve(use)).href
  } catch {
    return undefined
  }
}

const cache = new Map<string, AnyPlugin>()

/** Loads the plugin a `use:` value names, checking that it is of the expected kind. */
export const loadPlugin = (kind: PluginKind, use: string, specDir: string): Effect.Effect<AnyPlugin, PluginNotFound | PluginInvalid> =>
  Effect.gen(function*() {
    const url = resolvePluginModule(kind, use, specDir)
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
