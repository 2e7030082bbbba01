// Builds the vendor bundle: every public entry of the vendored packages as a small facade over a few shared chunks.
//
// Why: Node loads effect, its platform package and yaml as ~300 separate ES modules, each resolved through a package
// exports map, read and linked on its own; that was over a third of the CLI's start-up. A few chunks of what the
// project's code imports (effect's runtime, what commands load on demand, the parser's own) and one for yaml (the rest
// split as the bundler chooses) load in a fraction of that. Rolldown does the bundling (the bundler vite itself is
// built on), so the code is the packages' own: barrels become facades over the entries they re-export (barrels.ts)
// and one top-level ICU constructor is deferred (lazy-segmenter.ts).
import { hash } from "node:crypto"
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as path from "node:path"
import { barrelFacades } from "./barrels.ts"
import { lazySegmenterPlugin } from "./lazy-segmenter.ts"
import { COMMONJS, INDEX, installedVersion, isVendored, publicEntries, repoRoot, VENDORED, type VendorIndex, vendorDir } from "./packages.ts"

/** The entries of the command-line parser and of Schema: their modules are a chunk of their own. */
const PARSER = /^effect\/(cli\/|Schema)/
/**
 * The entries a command loads only when it needs them: the parser's, streams and the Node services layer (help,
 * validation, grading and reports use them). A plain `distill run` starts with effect's runtime alone (src/cli/main.ts).
 */
const onDemand = (specifier: string) =>
  PARSER.test(specifier) || /^(effect\/(Stream|FileSystem|Path)|@effect\/platform-node\/NodeServices)$/.test(specifier)

/** The vendored specifiers the project's own code imports (statically or by a literal dynamic import). */
export const importedSpecifiers = (root: string): ReadonlySet<string> => {
  const used = new Set<string>()
  for (const top of ["src", "plugins"]) {
    const dir = path.join(root, top)
    if (!fs.existsSync(dir)) continue
    for (const rel of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
      if (!rel.endsWith(".ts")) continue
      const text = fs.readFileSync(path.join(dir, rel), "utf8")
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) if (isVendored(m[1]!)) used.add(m[1]!)
    }
  }
  return used
}

/** An ESM entry re-exporting a CommonJS package's exports by name (Node's own interop names them the same way). */
const commonJsWrapper = (root: string, specifier: string, into: string): string => {
  const require = createRequire(path.join(root, "package.json"))
  const names = Object.keys(require(specifier) as object).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== "default")
  const file = path.join(into, `${specifier.replace(/[^\w]/g, "_")}.mjs`)
  fs.writeFileSync(file, `import * as m from ${JSON.stringify(require.resolve(specifier))}\n` +
    (names.length === 0 ? "" : `export const { ${names.join(", ")} } = m\n`) + "export default m.default ?? m\n")
  return file
}

/** Puts `from` at `to`, an older `to` moved aside first and removed after. */
const replaceDir = (from: string, to: string) => {
  const old = `${to}.old-${process.pid}`
  if (fs.existsSync(to)) fs.renameSync(to, old)
  try {
    fs.renameSync(from, to)
  } catch {
    fs.rmSync(from, { recursive: true, force: true }) // another build finished first: keep its bundle
  }
  fs.rmSync(old, { recursive: true, force: true })
}

/** Records a failed build in place of a bundle, so it is reported (doctor) and not retried at every start. */
export const recordVendorFailure = (why: string, root: string = repoRoot, env: NodeJS.ProcessEnv = process.env): void => {
  const target = vendorDir(root, env)
  const work = `${target}.failed-${process.pid}`
  fs.mkdirSync(work, { recursive: true })
  fs.writeFileSync(path.join(work, INDEX), JSON.stringify({ format: 1, versions: {}, entries: {}, failed: why } satisfies VendorIndex))
  replaceDir(work, target)
}

/** What a build produced. */
export interface VendorBuild {
  readonly dir: string
  readonly entries: number
  readonly seconds: number
}

/**
 * Builds the bundle of `root`'s installed vendored packages into `vendorDir(root)`, replacing an older one only once
 * the new one is complete (a CLI starting meanwhile uses the old one, or none).
 */
export const buildVendorBundle = async (root: string = repoRoot, env: NodeJS.ProcessEnv = process.env): Promise<VendorBuild> => {
  const started = Date.now()
  const { build } = await import("rolldown")
  const target = vendorDir(root, env)
  const work = `${target}.building-${process.pid}`
  fs.rmSync(work, { recursive: true, force: true })
  fs.mkdirSync(path.join(work, ".wrappers"), { recursive: true })
  try {
    const input: Record<string, string> = {}
    const all: Record<string, string> = {}
    const facades = new Map<string, string>()
    const versions: Record<string, string> = {}
    for (const pkg of VENDORED) {
      const version = installedVersion(root, pkg)
      if (version === undefined) throw new Error(`${pkg} is not installed under ${root}/node_modules`)
      versions[pkg] = version
      const entries = publicEntries(root, pkg)
      const barrels = COMMONJS.has(pkg) ? new Map<string, string>() : barrelFacades(entries)
      for (const [specifier, file] of Object.entries(entries)) {
        all[specifier] = COMMONJS.has(pkg) ? commonJsWrapper(root, specifier, path.join(work, ".wrappers")) : file
        const facade = barrels.get(specifier)
        if (facade === undefined) input[specifier] = all[specifier]
        else facades.set(specifier, facade)
      }
    }
    const external = (id: string) => !id.startsWith(".") && !path.isAbsolute(id) && !isVendored(id)
    // First pass: the modules the project's own imports reach, in three chunks: what every command loads (effect's
    // runtime), what commands load when they need it (onDemand), and the command-line parser's own (PARSER). Each set
    // holds the one before it.
    const used = [...importedSpecifiers(root)].filter((s) => all[s] !== undefined)
    const reachOf = async (specifiers: ReadonlyArray<string>): Promise<ReadonlySet<string>> => {
      const reach = await build({ input: Object.fromEntries(specifiers.map((s) => [s, all[s]!])), platform: "node", external, write: false, logLevel: "silent" })
      return new Set(reach.output.flatMap((c) => (c.type === "chunk" ? c.moduleIds : [])))
    }
    const core = await reachOf(used.filter((s) => !onDemand(s)))
    const more = await reachOf(used.filter((s) => !PARSER.test(s)))
    const parser = await reachOf(used)
    const yamlDir = `${path.sep}node_modules${path.sep}yaml${path.sep}`
    const out = await build({
      input, platform: "node", external, logLevel: "warn", plugins: [lazySegmenterPlugin],
      output: {
        dir: work, format: "esm", entryFileNames: "[name].mjs", chunkFileNames: "_chunks/[name]-[hash].mjs",
        minify: { compress: false, mangle: false, codegen: { removeWhitespace: false } }, comments: false,
        codeSplitting: { groups: [
          { name: "yaml", test: (id: string) => id.includes(yamlDir) || id.startsWith(path.join(work, ".wrappers", "yaml")) },
          { name: "core", test: (id: string) => core.has(id) },
          { name: "more", test: (id: string) => more.has(id) && !core.has(id) },
          { name: "cli", test: (id: string) => parser.has(id) && !more.has(id) }
        ] }
      }
    })
    const entries: Record<string, string> = {}
    for (const c of out.output) if (c.type === "chunk" && c.isEntry) entries[c.name] = c.fileName
    const files: Record<string, string> = {}
    for (const [specifier, facade] of facades) {
      const fileName = `${specifier}.mjs`
      fs.mkdirSync(path.dirname(path.join(work, fileName)), { recursive: true })
      fs.writeFileSync(path.join(work, fileName), facade)
      entries[specifier] = fileName
      files[fileName] = hash("sha256", facade)
    }
    const missing = Object.keys(all).filter((s) => entries[s] === undefined)
    if (missing.length > 0) throw new Error(`the bundle has no entry for ${missing.slice(0, 5).join(", ")}`)
    fs.rmSync(path.join(work, ".wrappers"), { recursive: true, force: true })
    for (const c of out.output) files[c.fileName] = hash("sha256", c.type === "chunk" ? c.code : c.source)
    fs.writeFileSync(path.join(work, INDEX), JSON.stringify({ format: 1, versions, entries, files } satisfies VendorIndex))
    replaceDir(work, target)
    return { dir: target, entries: Object.keys(entries).length, seconds: (Date.now() - started) / 1000 }
  } catch (e) {
    fs.rmSync(work, { recursive: true, force: true })
    throw e
  }
}

if (import.meta.main) {
  try {
    const b = await buildVendorBundle()
    process.stderr.write(`distill: vendor bundle of ${b.entries} entries built in ${b.seconds.toFixed(1)} s (${path.relative(process.cwd(), b.dir)})\n`)
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e)
    process.stderr.write(`distill: no vendor bundle (start-up is slower, nothing else changes): ${why}\n`)
    try {
      recordVendorFailure(why)
    } catch {
      // nothing to record into: the next start tries again
    }
  }
}
