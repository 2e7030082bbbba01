// Points bare imports of the vendored packages at the vendor bundle, when one built from the installed versions exists.
import { hash } from "node:crypto"
import * as fs from "node:fs"
import { registerHooks } from "node:module"
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import { ownFileUrl, ownRoots } from "./own-files.ts"
import { INDEX, installedVersion, repoRoot, type VendorIndex, vendorDir } from "./packages.ts"

/** Whether the bundle is used, and why not. */
export type VendorState = { readonly used: true; readonly entries: number } | { readonly used: false; readonly why: string }

/** The bundle's index when it exists and matches every installed version; otherwise why not. */
export const readVendorIndex = (root: string = repoRoot, env: NodeJS.ProcessEnv = process.env): VendorIndex | string => {
  let index: VendorIndex
  try {
    index = JSON.parse(fs.readFileSync(path.join(vendorDir(root, env), INDEX), "utf8")) as VendorIndex
  } catch {
    return "not built"
  }
  if (index.format !== 1) return "built by another version of distill"
  if (index.failed !== undefined) return `its build failed: ${index.failed}`
  for (const [pkg, version] of Object.entries(index.versions)) {
    const installed = installedVersion(root, pkg)
    if (installed !== version) return `built from ${pkg} ${version}, ${installed === undefined ? "now not installed" : `now ${installed}`}`
  }
  return index
}

/**
 * Registers the start-up resolve hook. With a usable bundle, `import "effect/Effect"` (and every other entry of a
 * vendored package, from any importer: the CLI, a plugin, the packages themselves) loads the bundle's facade instead of
 * node_modules, so one copy of each module exists in the process; without one, or with `DISTILL_VENDOR=0`, they load
 * from node_modules. Either way the project's own relative imports are resolved without the disk (own-files.ts).
 */
export const useVendorBundle = (root: string = repoRoot, env: NodeJS.ProcessEnv = process.env): VendorState => {
  const index = env["DISTILL_VENDOR"] === "0" ? "DISTILL_VENDOR=0" : readVendorIndex(root, env)
  const base = pathToFileURL(vendorDir(root, env) + path.sep).href
  const urls = typeof index === "string" ? new Map<string, string>()
    : new Map(Object.entries(index.entries).map(([specifier, file]) => [specifier, new URL(file, base).href]))
  const own = ownRoots(root)
  registerHooks({
    resolve: (specifier, context, next) => {
      const vendored = urls.get(specifier)
      if (vendored !== undefined) return { url: vendored, format: "module", shortCircuit: true }
      const url = ownFileUrl(specifier, context.parentURL, own)
      return url === undefined ? next(specifier, context) : { url, shortCircuit: true }
    }
  })
  return typeof index === "string" ? { used: false, why: index } : { used: true, entries: urls.size }
}

/**
 * When loading the program failed and the bundle's files are not what its build wrote (one deleted or changed), forgets
 * the bundle (its index is removed, so the launcher builds it again) and says why; otherwise undefined. The files are
 * hashed here rather than by the store's `hashFile`: this module runs before the hook, so it imports nothing that
 * loads effect.
 */
export const vendorDamaged = (root: string = repoRoot, env: NodeJS.ProcessEnv = process.env): string | undefined => {
  const dir = vendorDir(root, env)
  let files: Readonly<Record<string, string>>
  try {
    files = (JSON.parse(fs.readFileSync(path.join(dir, INDEX), "utf8")) as VendorIndex).files ?? {}
  } catch {
    return undefined
  }
  const bad = Object.entries(files).find(([rel, sum]) => {
    try {
      return hash("sha256", fs.readFileSync(path.join(dir, rel))) !== sum
    } catch {
      return true
    }
  })
  if (bad === undefined) return undefined
  fs.rmSync(path.join(dir, INDEX), { force: true })
  return `the vendor bundle in ${dir} is damaged (${bad[0]} is missing or changed)`
}
