// Barrel entries: files of re-exports only become facades over the public specifiers they name; anything else is bundled.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { barrelFacade, barrelFacades } from "../../src/vendor/barrels.ts"

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "barrels-"))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
const file = (name: string, text: string) => {
  const f = path.join(dir, name)
  fs.mkdirSync(path.dirname(f), { recursive: true })
  fs.writeFileSync(f, text)
  return f
}
const publicOf = (f: string) => ({ [path.join(dir, "A.js")]: "pkg/A", [path.join(dir, "B.js")]: "pkg/B", [path.join(dir, "sub/index.js")]: "pkg/sub" })[f]

describe("barrelFacade", () => {
  it("re-exports every name from the public specifier of the file it points at, comments dropped", () => {
    const f = file("index.js", `/**\n * @since 2.0.0\n */\nexport * as A from "./A.js";\n// @barrel: generated\nexport {\n/** doc */\nb,\nc as d } from './B.js';\nexport * from "./sub/index.js";\n//# sourceMappingURL=index.js.map\n`)
    expect(barrelFacade(f, publicOf)).toBe(`export * as A from "pkg/A"\nexport {\n\nb,\nc as d } from "pkg/B"\nexport * from "pkg/sub"\n`)
  })

  it("is undefined for a module with code of its own, an empty one, or one re-exporting a file that is not public", () => {
    expect(barrelFacade(file("code.js", `export * as A from "./A.js";\nexport const x = 1;\n`), publicOf)).toBeUndefined()
    expect(barrelFacade(file("empty.js", "/** nothing */\n"), publicOf)).toBeUndefined()
    expect(barrelFacade(file("internal.js", `export * as A from "./A.js";\nexport * from "./internal/x.js";\n`), publicOf)).toBeUndefined()
    expect(barrelFacade(file("bare.js", `export * from "other-package";\n`), publicOf)).toBeUndefined()
  })
})

describe("barrelFacades", () => {
  it("keeps the barrels of a package's entries, and never makes an entry a facade of itself", () => {
    const a = file("A.js", "export const a = 1\n")
    const b = file("B.js", "export const b = 2, c = 3\n")
    const index = file("sub/index.js", `export * as A from "../A.js"\n`)
    const self = file("self.js", `export * from "./self.js"\n`)
    const facades = barrelFacades({ "pkg/A": a, "pkg/B": b, "pkg/sub": index, "pkg/self": self })
    expect([...facades]).toEqual([["pkg/sub", `export * as A from "pkg/A"\n`]])
  })
})
