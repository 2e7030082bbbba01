// The vendor bundle: built from the installed packages, one copy of each module whoever imports it, unused when stale.
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { buildVendorBundle, importedSpecifiers, recordVendorFailure } from "../../src/vendor/build.ts"
import { INDEX } from "../../src/vendor/packages.ts"
import { readVendorIndex, vendorDamaged } from "../../src/vendor/use.ts"

const repo = path.resolve(import.meta.dirname, "../..")
const work = fs.mkdtempSync(path.join(os.tmpdir(), "vendor-use-"))
const dir = path.join(work, "bundle")
const env = { ...process.env, DISTILL_VENDOR_DIR: dir }
/** Where Node resolves effect/Effect without the bundle (node_modules may be a link). */
const installed = pathToFileURL(fs.realpathSync(path.join(repo, "node_modules/effect/dist/Effect.js"))).href

beforeAll(async () => {
  await buildVendorBundle(repo, env)
}, 120_000)
afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

/** Runs an ES module script (in the repository, so bare imports resolve) with the bundle hooked in first. */
const run = (body: string, extraEnv: Record<string, string> = {}) => {
  const file = path.join(repo, "tests", "vendor", `.probe-${process.pid}-${Math.random().toString(36).slice(2)}.mjs`)
  fs.writeFileSync(file, `import { useVendorBundle } from "../../src/vendor/use.ts"\nconst state = useVendorBundle()\n${body}\n`)
  try {
    const r = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", file], { encoding: "utf8", env: { ...env, ...extraEnv } })
    expect(r.status, r.stderr).toBe(0)
    return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as Record<string, unknown>
  } finally {
    fs.rmSync(file, { force: true })
  }
}

describe("the vendor bundle", () => {
  it("has an entry for every module the project imports, and records the versions it was built from", () => {
    const index = readVendorIndex(repo, env)
    if (typeof index === "string") throw new Error(index)
    for (const s of importedSpecifiers(repo)) expect(index.entries[s], s).toBeDefined()
    expect(index.versions["effect"]).toBe(JSON.parse(fs.readFileSync(path.join(repo, "node_modules/effect/package.json"), "utf8")).version)
  })

  it("serves effect, effect/cli and yaml from the bundle, one copy of each module for every importer", () => {
    const out = run(`
const Effect = await import("effect/Effect")
const barrel = await import("effect")
const { Command } = await import("effect/cli")
const Cmd = await import("effect/cli/Command")
const yaml = await import("yaml")
const doc = yaml.parseDocument("a: [1, 2]", { lineCounter: new yaml.LineCounter() })
console.log(JSON.stringify({
  state, url: import.meta.resolve("effect/Effect"),
  sameEffect: barrel.Effect.succeed === Effect.succeed,
  sameCli: Command.make === Cmd.make,
  ran: Effect.runSync(Effect.map(Effect.succeed(20), (n) => n + 22)),
  yaml: doc.toJS(), defaultYaml: typeof yaml.default.parse
}))`)
    expect(out["state"]).toMatchObject({ used: true })
    expect(String(out["url"]).startsWith(`file://${dir}/`)).toBe(true)
    expect(out).toMatchObject({ sameEffect: true, sameCli: true, ran: 42, yaml: { a: [1, 2] }, defaultYaml: "function" })
  })

  it("serves barrels as facades over the subpath entries: a barrel's namespaces are the entries' own", () => {
    const index = readVendorIndex(repo, env)
    if (typeof index === "string") throw new Error(index)
    expect(fs.readFileSync(path.join(dir, index.entries["effect"]!), "utf8")).toContain(`export * as Schema from "effect/Schema"`)
    const out = run(`
const barrel = await import("effect")
const cli = await import("effect/cli")
const Effect = await import("effect/Effect")
const Schema = await import("effect/Schema")
const CliOutput = await import("effect/cli/CliOutput")
console.log(JSON.stringify({
  effect: barrel.Effect === Effect, schema: barrel.Schema === Schema, cli: cli.CliOutput === CliOutput,
  pipe: typeof barrel.pipe, widths: ["file", "\u30d5\u30a1\u30a4\u30eb", "e\u0301", "1\ufe0f\u20e3"].map(CliOutput.displayWidth)
}))`)
    expect(out).toEqual({ effect: true, schema: true, cli: true, pipe: "function", widths: [4, 8, 1, 2] })
  })

  it("is not used when DISTILL_VENDOR=0, when a version changed, or after a failed build", () => {
    expect(run(`console.log(JSON.stringify({ state, url: import.meta.resolve("effect/Effect") }))`, { DISTILL_VENDOR: "0" }))
      .toEqual({ state: { used: false, why: "DISTILL_VENDOR=0" }, url: installed })
    const stale = path.join(work, "stale")
    fs.cpSync(dir, stale, { recursive: true })
    const index = JSON.parse(fs.readFileSync(path.join(stale, INDEX), "utf8"))
    fs.writeFileSync(path.join(stale, INDEX), JSON.stringify({ ...index, versions: { ...index.versions, effect: "0.0.1" } }))
    const out = run(`console.log(JSON.stringify({ state, url: import.meta.resolve("effect/Effect") }))`, { DISTILL_VENDOR_DIR: stale })
    expect(out["state"]).toEqual({ used: false, why: `built from effect 0.0.1, now ${index.versions.effect}` })
    expect(out["url"]).toBe(installed)
    const failed = { ...env, DISTILL_VENDOR_DIR: path.join(work, "failed") }
    recordVendorFailure("no bundler", repo, failed)
    expect(readVendorIndex(repo, failed)).toBe("its build failed: no bundler")
  })

  it("runs the CLI from the bundle: --help loads no module of effect's own files and not yaml; a plain run only the runtime's chunk", () => {
    const hook = path.join(work, "log.mjs")
    fs.writeFileSync(hook, `import { registerHooks } from "node:module"\nimport { writeFileSync } from "node:fs"\nconst urls = []\n` +
      `registerHooks({ load(url, context, next) { urls.push(url); return next(url, context) } })\n` +
      `process.on("exit", () => writeFileSync(process.env.MODULE_LOG, JSON.stringify(urls)))\n`)
    const log = path.join(work, "modules.json")
    const r = spawnSync(process.execPath, ["--import", hook, "--disable-warning=ExperimentalWarning", path.join(repo, "src/cli/main.ts"), "--help"],
      { encoding: "utf8", env: { ...env, MODULE_LOG: log } })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain("distill <subcommand>")
    const urls = JSON.parse(fs.readFileSync(log, "utf8")) as Array<string>
    expect(urls.filter((u) => u.includes("/node_modules/effect/") || u.includes("/node_modules/yaml/"))).toEqual([])
    expect(urls.filter((u) => /\/_chunks\/yaml-/.test(u))).toEqual([])
    expect(urls.filter((u) => u.startsWith(`file://${dir}/`)).length).toBeGreaterThan(5)
    expect(urls.filter((u) => /\/_chunks\/cli-/.test(u)).length).toBe(1)
    const runs = path.join(work, "runs")
    const plain = spawnSync(process.execPath, ["--import", hook, "--disable-warning=ExperimentalWarning", path.join(repo, "src/cli/main.ts"),
      "run", path.join(repo, "experiments/quickstart.yaml"), "--only", "dataset/train"], { encoding: "utf8", env: { ...env, MODULE_LOG: log, DISTILL_RUNS: runs } })
    expect(plain.status, plain.stderr).toBe(0)
    const runUrls = JSON.parse(fs.readFileSync(log, "utf8")) as Array<string>
    expect(runUrls.filter((u) => /\/_chunks\/core-/.test(u)).length).toBe(1)
    expect(runUrls.filter((u) => /\/_chunks\/(cli|more)-/.test(u))).toEqual([])
  })
})

describe("a damaged vendor bundle", () => {
  it("is dropped: the command runs again without it, and its index is removed so the launcher rebuilds it", () => {
    expect(vendorDamaged(repo, env)).toBeUndefined()
    const damaged = path.join(work, "damaged")
    fs.cpSync(dir, damaged, { recursive: true })
    const chunks = path.join(damaged, "_chunks")
    for (const f of fs.readdirSync(chunks)) if (f.startsWith("core-")) fs.writeFileSync(path.join(chunks, f), "export const broken = ;\n")
    const r = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", path.join(repo, "src/cli/main.ts"), "--help"],
      { encoding: "utf8", env: { ...env, DISTILL_VENDOR_DIR: damaged } })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain("distill <subcommand>")
    expect(r.stderr).toContain(`the vendor bundle in ${damaged} is damaged`)
    expect(fs.existsSync(path.join(damaged, INDEX))).toBe(false)
    expect(readVendorIndex(repo, { ...env, DISTILL_VENDOR_DIR: damaged })).toBe("not built")
  })
})
