// Finds every plugin reference of a spec, loads the plugins and validates their `with:` blocks.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type { PluginKind } from "../plugins/index.ts"
import { builtinNames, loadPlugin } from "../plugins/registry.ts"
import { closest } from "../plugins/suggest.ts"
import type { Issue } from "./diagnostic.ts"
import { childPointer } from "./pointer.ts"
import { validatePluginConfig } from "./plugin-config.ts"
import { X_KEY } from "./schema-keywords.ts"
import type { ResolvedPlugin } from "./resolved.ts"

/** A `{ use, with }` block found in a spec. */
export interface PluginSite {
  readonly pointer: string
  readonly kind: PluginKind
  readonly ref: Record<string, unknown>
}

type Json = Record<string, unknown>
const asObject = (v: unknown): Json | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? v as Json : undefined)

/**
 * The plugin blocks of a schema-valid spec. `students.trainer` defaults to `{ use: torch }` and every
 * absent `with` to `{}`; both are written into `spec`.
 */
export const pluginSites = (spec: Json): ReadonlyArray<PluginSite> => {
  const sites: Array<PluginSite> = []
  const add = (pointer: string, kind: PluginKind, ref: unknown) => {
    const r = asObject(ref)
    if (r === undefined) return
    if (asObject(r["with"]) === undefined && r["with"] === undefined) r["with"] = {}
    sites.push({ pointer, kind, ref: r })
  }
  const data = asObject(spec["data"])
  add("/data/train", "dataset", data?.["train"])
  for (const [name, ref] of Object.entries(asObject(data?.["eval"]) ?? {})) add(childPointer("/data/eval", name), "dataset", ref)
  for (const [name, ref] of Object.entries(asObject(spec["teachers"]) ?? {})) add(childPointer("/teachers", name), "teacher", ref)
  add("/judge", "judge", spec["judge"])
  const evaluate = asObject(spec["evaluate"])
  if (evaluate?.["judge"] !== undefined) add("/evaluate/judge", "judge", evaluate["judge"])
  const students = asObject(spec["students"])
  if (students !== undefined && students["trainer"] === undefined) students["trainer"] = { use: "torch" }
  add("/students/trainer", "trainer", students?.["trainer"])
  if (spec["backend"] === undefined) spec["backend"] = { use: "local" }
  add("/backend", "backend", spec["backend"])
  return sites
}

const isPathLike = (use: string) => use.startsWith("./") || use.startsWith("../") || path.isAbsolute(use)

/** A relative `use:` from an included file, rewritten relative to the spec's directory. */
export const rebaseUse = (use: string, fromFile: string, specDir: string): string => {
  if (!isPathLike(use) || path.isAbsolute(use)) return use
  const rel = path.relative(specDir, path.resolve(path.dirname(fromFile), use)).split(path.sep).join("/")
  return rel.startsWith("../") ? rel : `./${rel}`
}

const notFound = (site: PluginSite, use: string, specDir: string): Issue => {
  const pointer = `${site.pointer}/use`
  if (isPathLike(use)) {
    return { pointer, message: `no ${site.kind} plugin module at '${use}' (looked for ${path.resolve(specDir, use)}[/index.ts])` }
  }
  const names = builtinNames(site.kind)
  const suggestion = closest(use, names)
  return {
    pointer, expected: names.join(", "),
    message: `unknown ${site.kind} plugin '${use}' (available: ${names.join(", ") || "none"})`,
    ...(suggestion === undefined ? {} : { suggestion })
  }
}

/** Top-level config fields a plugin's schema marks `"x-key": role`. */
export const fieldsWithRole = (schema: Readonly<Record<string, unknown>>, role: "resource" | "location"): ReadonlyArray<string> =>
  Object.entries((schema as { properties?: Record<string, Record<string, unknown>> }).properties ?? {})
    .filter(([, v]) => v[X_KEY] === role).map(([k]) => k)

/**
 * Loads one plugin and checks its config; the issues point at `use` or inside `with`.
 * A plugin whose schema has a `seed` field that the spec leaves out gets the spec's seed. `allowedPaths` are the
 * folders outside the spec's tree and project that path-like plugins may come from.
 */
export const resolvePlugin = (
  site: PluginSite, specDir: string, specSeed: number, allowedPaths?: ReadonlyArray<string>
): Effect.Effect<ResolvedPlugin | ReadonlyArray<Issue>> =>
  Effect.gen(function*() {
    const use = String(site.ref["use"])
    const loaded = yield* Effect.result(loadPlugin(site.kind, use, specDir, allowedPaths))
    if (loaded._tag === "Failure") {
      const e = loaded.failure
      return e._tag === "PluginNotFound" ? [notFound(site, use, specDir)] : [{ pointer: `${site.pointer}/use`, message: e.message }]
    }
    const plugin = loaded.success
    if (plugin.kind !== site.kind) {
      return [{ pointer: `${site.pointer}/use`, message: `plugin '${use}' is a ${plugin.kind} plugin, not a ${site.kind} plugin` }]
    }
    const config = site.ref["with"] as Json
    const issues = validatePluginConfig(plugin, config, site.pointer)
    if (issues.length > 0) return issues
    const props = (plugin.configSchema as { properties?: Record<string, unknown> }).properties ?? {}
    if ("seed" in props && config.seed === undefined) config.seed = specSeed
    return {
      kind: site.kind, use, name: plugin.name, version: plugin.version, description: plugin.description,
      capabilities: plugin.capabilities, config,
      resourceFields: fieldsWithRole(plugin.configSchema, "resource"), locationFields: fieldsWithRole(plugin.configSchema, "location")
    }
  })
