// Which dependencies the vendor bundle holds, where it lives, and the public entry points of each package.
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

/** The repository root (this file is src/vendor/packages.ts). */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url))

/**
 * The packages bundled: the ones every command loads, as hundreds of small modules each (effect alone is about
 * 200 files at start-up). Everything else is imported from node_modules as usual.
 */
export const VENDORED = ["effect", "@effect/platform-node", "@effect/platform-node-shared", "yaml"] as const

/** Whether a bare specifier names a vendored package or one of its subpaths. */
export const isVendored = (specifier: string): boolean => VENDORED.some((p) => specifier === p || specifier.startsWith(`${p}/`))

/** CommonJS packages among them: their entry gets a generated ESM wrapper naming each export. */
export const COMMONJS: ReadonlySet<string> = new Set(["yaml"])

/**
 * The folder of the bundle: `DISTILL_VENDOR_DIR`, else under node_modules, so a fresh install drops it with everything
 * it was built from.
 */
export const vendorDir = (root: string = repoRoot, env: NodeJS.ProcessEnv = process.env): string =>
  env["DISTILL_VENDOR_DIR"] ?? path.join(root, "node_modules", ".cache", "distill-vendor")

/** The bundle's index: the versions it was built from, and the file of each bare specifier. */
export interface VendorIndex {
  readonly format: 1
  readonly versions: Readonly<Record<string, string>>
  /** Bare specifier (`effect/Effect`, `yaml`) -> path of its entry, relative to the bundle folder. */
  readonly entries: Readonly<Record<string, string>>
  /** Every file of the bundle (relative path) with its sha256, checked when loading fails. */
  readonly files?: Readonly<Record<string, string>>
  /** Why the last build failed (then there are no entries, and the launcher does not retry until the next install). */
  readonly failed?: string
}

/** The index file's name inside the bundle folder. */
export const INDEX = "index.json"

const packageDir = (root: string, pkg: string) => path.join(root, "node_modules", ...pkg.split("/"))

/** The installed version of a package, or undefined when it is not installed. */
export const installedVersion = (root: string, pkg: string): string | undefined => {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageDir(root, pkg), "package.json"), "utf8")) as { version?: string }).version
  } catch {
    return undefined
  }
}

type ExportTarget = string | null | { readonly node?: ExportTarget; readonly import?: ExportTarget; readonly default?: ExportTarget }

const targetOf = (t: ExportTarget | undefined): string | undefined =>
  t === null || t === undefined ? undefined : typeof t === "string" ? t : targetOf(t.node ?? t.import ?? t.default)

/**
 * Every public entry of `pkg`: bare specifier -> absolute file. Subpath patterns (`"./*": "./dist/*.js"`) are
 * expanded against the installed files, leaving out what the exports map blocks (`null`) and internal folders.
 */
export const publicEntries = (root: string, pkg: string): Record<string, string> => {
  const dir = packageDir(root, pkg)
  const exports = (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { exports?: Record<string, ExportTarget> }).exports ?? {}
  const blocked = Object.entries(exports).filter(([, v]) => v === null).map(([k]) => k)
  const isBlocked = (subpath: string) => blocked.some((b) => {
    if (!b.includes("*")) return subpath === b
    const [prefix, suffix] = [b.slice(0, b.indexOf("*")), b.slice(b.indexOf("*") + 1)]
    return subpath.length >= prefix.length + suffix.length && subpath.startsWith(prefix) && subpath.endsWith(suffix)
  })
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(exports)) {
    const target = targetOf(value)
    if (target === undefined || !/\.[cm]?js$/.test(target)) continue
    if (!key.includes("*")) {
      out[key === "." ? pkg : pkg + key.slice(1)] = path.join(dir, target)
      continue
    }
    const [before, after] = [target.slice(0, target.indexOf("*")), target.slice(target.indexOf("*") + 1)]
    const base = path.join(dir, before)
    if (!fs.existsSync(base)) continue
    for (const rel of fs.readdirSync(base, { recursive: true, encoding: "utf8" })) {
      if (!rel.endsWith(after) || rel.split(path.sep).includes("internal")) continue
      const stem = rel.slice(0, rel.length - after.length).split(path.sep).join("/")
      const subpath = key.replace("*", stem)
      if (!isBlocked(subpath)) out[pkg + subpath.slice(1)] = path.join(base, rel)
    }
  }
  return out
}
