// Where `use:` may load plugin code from: the project, the spec's own folder tree, installed packages, and folders the user allows.
import * as fs from "node:fs"
import * as path from "node:path"

/** Environment variable listing more folders plugins may load from (separated by ':'). */
export const PLUGIN_PATH_ENV = "DISTILL_PLUGIN_PATH"

/** File extensions Node imports as modules; anything else is refused before it is imported. */
export const MODULE_EXTENSIONS: ReadonlyArray<string> = [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"]

/** Why a plugin file was refused. */
export interface PluginPathRefusal {
  readonly reason: "not-a-module" | "outside-allowed-paths"
  readonly message: string
}

const real = (p: string): string | undefined => {
  try {
    return fs.realpathSync(p)
  } catch {
    return undefined
  }
}

/** The nearest folder at or above `dir` holding a package.json or a .git entry: the project `dir` belongs to. */
export const projectRoot = (dir: string): string | undefined => {
  let current = path.resolve(dir)
  while (true) {
    if (fs.existsSync(path.join(current, "package.json")) || fs.existsSync(path.join(current, ".git"))) return current
    const parent = path.dirname(current)
    if (parent === current) return undefined
    current = parent
  }
}

/** The extra folders named by DISTILL_PLUGIN_PATH in `env`. */
export const allowedFromEnv = (env: Readonly<Record<string, string | undefined>>): ReadonlyArray<string> =>
  (env[PLUGIN_PATH_ENV] ?? "").split(path.delimiter).filter((p) => p !== "").map((p) => path.resolve(p))

/**
 * The folders a path-like `use:` may point into (real paths): the spec's folder tree, the project of the spec and of
 * the working directory, the framework's own checkout, and `extra` (from DISTILL_PLUGIN_PATH or the caller).
 */
export const allowedRoots = (specDir: string, frameworkRoot: string, extra: ReadonlyArray<string>): ReadonlyArray<string> => {
  const candidates = [specDir, projectRoot(specDir), projectRoot(process.cwd()), frameworkRoot, ...extra]
  return [...new Set(candidates.flatMap((c) => (c === undefined ? [] : [real(c) ?? path.resolve(c)])))]
}

const inside = (file: string, root: string): boolean => {
  const rel = path.relative(root, file)
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel))
}

/**
 * Checks a plugin file before anything imports it: it must be a module (by extension) and, unless it came from an
 * installed package, lie (symlinks resolved) inside one of `roots`. Undefined when it may be loaded.
 */
export const refusePluginFile = (file: string, use: string, roots: ReadonlyArray<string>, fromPackage: boolean): PluginPathRefusal | undefined => {
  if (!MODULE_EXTENSIONS.includes(path.extname(file).toLowerCase())) {
    return {
      reason: "not-a-module",
      message: `'${use}' is not a plugin module (${file}): a plugin is a ${MODULE_EXTENSIONS.join(" / ")} file, or a folder with index.ts or index.js`
    }
  }
  if (fromPackage) return undefined
  const resolved = real(file) ?? file
  if (roots.some((root) => inside(resolved, root))) return undefined
  return {
    reason: "outside-allowed-paths",
    message: `plugin '${use}' (${resolved}) is outside the spec's folder, its project and installed packages; ` +
      `allow its folder with ${PLUGIN_PATH_ENV}=${path.dirname(resolved)}`
  }
}
