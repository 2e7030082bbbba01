// The public entries of a package: exports patterns expanded over its files, blocked and internal paths left out.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { installedVersion, publicEntries } from "../../src/vendor/packages.ts"

const root = fs.mkdtempSync(path.join(os.tmpdir(), "vendor-packages-"))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

const write = (rel: string, text = "export {}\n") => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
  fs.writeFileSync(path.join(root, rel), text)
}

describe("publicEntries", () => {
  it("expands subpath patterns, keeps plain entries and conditions, and drops blocked and internal paths", () => {
    const dir = "node_modules/@scope/pkg"
    write(`${dir}/package.json`, JSON.stringify({
      version: "1.2.3",
      exports: {
        ".": { types: "./dist/index.d.ts", node: "./dist/index.js", default: "./browser/index.js" },
        "./package.json": "./package.json",
        "./*": "./dist/*.js",
        "./internal/*": null,
        "./*/index": null
      }
    }))
    for (const f of ["index.js", "A.js", "sub/B.js", "sub/index.js", "internal/x.js", "sub/internal/y.js", "A.d.ts"]) write(`${dir}/dist/${f}`)
    const entries = publicEntries(root, "@scope/pkg")
    const abs = (f: string) => path.join(root, dir, "dist", f)
    expect(entries).toEqual({
      "@scope/pkg": abs("index.js"),
      "@scope/pkg/index": abs("index.js"),
      "@scope/pkg/A": abs("A.js"),
      "@scope/pkg/sub/B": abs("sub/B.js")
    })
    expect(installedVersion(root, "@scope/pkg")).toBe("1.2.3")
    expect(installedVersion(root, "absent")).toBeUndefined()
  })

  it("lists effect's modules as the installed package exports them", () => {
    const repo = path.resolve(import.meta.dirname, "../..")
    const entries = publicEntries(repo, "effect")
    expect(entries["effect/Effect"]).toBe(path.join(repo, "node_modules/effect/dist/Effect.js"))
    expect(entries["effect/cli/Command"]).toBe(path.join(repo, "node_modules/effect/dist/cli/Command.js"))
    expect(entries["effect"]).toBe(path.join(repo, "node_modules/effect/dist/index.js"))
    expect(Object.keys(entries).some((s) => s.includes("/internal/"))).toBe(false)
  })
})
