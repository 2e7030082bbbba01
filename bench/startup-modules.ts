// Benchmark: what the CLI's vendored modules cost at start-up, layer by layer: a bare `node`, effect's core, + Schema,
// + effect/cli, + the Node platform and yaml, then the vendor bundle's chunks as built (core, + more, + cli). Each layer
// is bundled with rolldown into one ES module (as the vendor bundle is) and imported by a fresh process with a warm
// compile cache.
// Usage: node bench/startup-modules.ts [--rounds N]   (default 9 rounds per layer, interleaved; prints median and min)
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import { pathToFileURL } from "node:url"
import { build } from "rolldown"
import { INDEX, isVendored, publicEntries, repoRoot, VENDORED, type VendorIndex, vendorDir } from "../src/vendor/packages.ts"

const args = process.argv.slice(2)
const roundsAt = args.indexOf("--rounds")
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 9

const CORE = ["Effect", "Layer", "Data", "Context", "Console", "Scope", "Result", "Semaphore", "Option", "Exit", "Cause",
  "Clock", "Deferred", "Fiber", "Duration", "Schedule"].map((m) => `effect/${m}`)
const SCHEMA = [...CORE, "effect/Schema", "effect/SchemaIssue"]
const CLI = [...SCHEMA, "effect/cli/Command", "effect/cli/Flag", "effect/cli/Argument", "effect/cli/CliError"]
const PLATFORM = [...CLI, "@effect/platform-node/NodeServices", "@effect/platform-node/NodeRuntime", "effect/Path", "effect/FileSystem", "effect/Stream", "yaml"]

const work = fs.mkdtempSync(path.join(os.tmpdir(), "distill-startup-modules-"))
const cache = path.join(work, "compile-cache")
const entries: Record<string, string> = {}
for (const pkg of VENDORED) Object.assign(entries, publicEntries(repoRoot, pkg))

/** One ES module holding `specifiers` (whole modules, as a namespace import keeps them), with yaml's CommonJS inlined. */
const bundle = async (name: string, specifiers: ReadonlyArray<string>): Promise<string> => {
  const dir = path.join(work, name)
  fs.mkdirSync(dir, { recursive: true })
  const entry = path.join(dir, "entry.mjs")
  fs.writeFileSync(entry, specifiers.map((s, i) => `import * as m${i} from ${JSON.stringify(entries[s])}\nglobalThis.m${i} = m${i}`).join("\n"))
  const file = path.join(dir, "bundle.mjs")
  await build({
    input: entry, platform: "node", logLevel: "silent",
    external: (id) => id.startsWith("node:") || (!id.startsWith(".") && !path.isAbsolute(id) && !isVendored(id)),
    output: { file, format: "esm", comments: false }
  })
  return file
}

/** The vendor bundle's chunks as built (core: every command; more: loaded on demand; cli: the parser's), when it is built. */
const builtChunks = (): Record<string, string> => {
  try {
    const index = JSON.parse(fs.readFileSync(path.join(vendorDir(), INDEX), "utf8")) as VendorIndex
    const found: Record<string, string> = {}
    for (const f of Object.keys(index.files ?? {})) {
      const m = /^_chunks\/(core|more|cli)-.*\.mjs$/.exec(f)
      if (m !== null) found[m[1]!] = path.join(vendorDir(), f)
    }
    return found
  } catch {
    return {}
  }
}

const layers: Array<{ readonly label: string; readonly file?: string; readonly kb?: number }> = [{ label: "bare node" }]
for (const [label, specifiers] of [["effect core (16 modules)", CORE], ["+ Schema", SCHEMA], ["+ effect/cli", CLI],
  ["+ platform-node, Stream, yaml", PLATFORM]] as const) {
  const file = await bundle(label.replace(/\W+/g, "-"), specifiers)
  layers.push({ label, file, kb: fs.statSync(file).size / 1024 })
}
const chunks = builtChunks()
if (chunks["core"] === undefined) console.log("(no vendor bundle built: its chunks are left out; `./distill --help` builds it)")
let kb = 0
const imports: Array<string> = []
for (const [name, label] of [["core", "bundle: core chunk (every command)"], ["more", "bundle: + more (on demand)"], ["cli", "bundle: + cli (the parser)"]] as const) {
  const chunk = chunks[name]
  if (chunk === undefined) continue
  kb += fs.statSync(chunk).size / 1024
  imports.push(`import ${JSON.stringify(pathToFileURL(chunk).href)}`)
  const file = path.join(work, `bundle-${name}.mjs`)
  fs.writeFileSync(file, imports.join("\n") + "\n")
  layers.push({ label, file, kb })
}

const once = (file?: string): number => {
  const t = performance.now()
  const r = spawnSync(process.execPath, file === undefined ? ["-e", "0"] : ["-e", `await import(${JSON.stringify(pathToFileURL(file).href)})`],
    { env: { ...process.env, NODE_COMPILE_CACHE: cache }, encoding: "utf8" })
  if (r.status !== 0) throw new Error(`importing ${file} failed:\n${r.stderr}`)
  return performance.now() - t
}
for (const l of layers) once(l.file) // fills the compile cache
const times = layers.map(() => [] as Array<number>)
for (let r = 0; r < rounds; r++) layers.forEach((l, i) => times[i]!.push(once(l.file)))

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!
const bare = median(times[0]!)
console.log(`whole-process time of importing each layer, ${rounds} rounds, warm compile cache (${os.loadavg()[0]!.toFixed(1)} load average)`)
layers.forEach((l, i) => {
  const m = median(times[i]!)
  console.log(`${l.label.padEnd(38)} ${l.kb === undefined ? "" : `${l.kb.toFixed(0).padStart(5)} KB`.padEnd(9)}` +
    `median ${m.toFixed(0).padStart(4)} ms  min ${Math.min(...times[i]!).toFixed(0).padStart(4)} ms  over bare node ${(m - bare).toFixed(0).padStart(4)} ms`)
})
fs.rmSync(work, { recursive: true, force: true })
