// Tests for where `use:` may load plugin code from: the spec's tree and project, installed packages, DISTILL_PLUGIN_PATH.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { PLUGIN_PATH_ENV } from "../../src/plugins/plugin-paths.ts"
import { editLine, expectDiagnostic, fixtureEnv, fixturesDir, loadFailure, loadSuccess, writeSpecs } from "./support.ts"

const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "elsewhere-"))
afterAll(() => fs.rmSync(elsewhere, { recursive: true, force: true }))

/** A judge plugin outside every allowed folder that leaves a marker file when it is imported. */
const outsidePlugin = (name: string): { dir: string; marker: string } => {
  const dir = path.join(elsewhere, name)
  const marker = path.join(elsewhere, `${name}.imported`)
  fs.mkdirSync(dir, { recursive: true })
  const judge = path.join(fixturesDir, "plugins", "judge", "fake", "index.ts")
  fs.writeFileSync(path.join(dir, "index.ts"),
    `import * as fs from "node:fs"\nfs.writeFileSync(${JSON.stringify(marker)}, "ran")\nexport { default } from ${JSON.stringify(judge)}\n`)
  return { dir, marker }
}

describe("plugin locations", () => {
  it("refuses a module outside the spec's tree and project, without importing it", async () => {
    const { dir, marker } = outsidePlugin("a")
    const error = await loadFailure(writeSpecs({ "x.yaml": editLine(13, `judge: { use: ${dir} }`) }))
    const d = expectDiagnostic(error.diagnostics, { line: 13, col: 15, pointer: "/judge/use", message: "is outside the spec's folder, its project and installed packages" })
    expect(d.message).toContain(`${PLUGIN_PATH_ENV}=`)
    expect(fs.existsSync(marker)).toBe(false)
  })

  it("loads it once its folder is allowed through DISTILL_PLUGIN_PATH", async () => {
    const { dir, marker } = outsidePlugin("b")
    const spec = await loadSuccess(writeSpecs({ "x.yaml": editLine(13, `judge: { use: ${dir} }`) }), { ...fixtureEnv, [PLUGIN_PATH_ENV]: elsewhere })
    expect(spec.plugins["/judge"]?.name).toBe("fake-judge")
    expect(fs.existsSync(marker)).toBe(true)
  })

  it("refuses a symlink inside the spec's folder that leads outside", async () => {
    const { dir, marker } = outsidePlugin("c")
    const file = writeSpecs({ "x.yaml": editLine(13, "judge: { use: ./linked/index.ts }") })
    fs.symlinkSync(dir, path.join(path.dirname(file), "linked"))
    const error = await loadFailure(file)
    expectDiagnostic(error.diagnostics, { line: 13, col: 15, pointer: "/judge/use", message: "is outside the spec's folder" })
    expect(fs.existsSync(marker)).toBe(false)
  })

  it("refuses /etc/passwd and a text file as non-modules, with a located error", async () => {
    const passwd = await loadFailure(writeSpecs({ "x.yaml": editLine(13, "judge: { use: /etc/passwd }") }))
    expectDiagnostic(passwd.diagnostics, { line: 13, col: 15, pointer: "/judge/use", message: "'/etc/passwd' is not a plugin module" })
    const file = writeSpecs({ "x.yaml": editLine(13, "judge: { use: ./notes.txt }") })
    fs.writeFileSync(path.join(path.dirname(file), "notes.txt"), "export default 1\n")
    const text = await loadFailure(file)
    expectDiagnostic(text.diagnostics, { line: 13, col: 15, pointer: "/judge/use", message: "'./notes.txt' is not a plugin module" })
  })

  it("still loads plugins from the spec's project and by built-in name", async () => {
    const spec = await loadSuccess(writeSpecs({ "x.yaml": editLine(13, "judge: { use: math }") }))
    expect(spec.plugins["/judge"]?.name).toBe("math")
    expect(spec.plugins["/teachers/long"]?.name).toBe("fake-teacher")
  })
})
