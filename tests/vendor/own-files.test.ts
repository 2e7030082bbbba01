// ownFileUrl: which relative imports the start-up hook resolves itself, and to what.
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import { describe, expect, it } from "vitest"
import { ownFileUrl, ownRoots } from "../../src/vendor/own-files.ts"

const root = path.join(path.sep, "repo")
const roots = ownRoots(root)
const url = (rel: string) => pathToFileURL(path.join(root, rel)).href

describe("ownFileUrl", () => {
  it("resolves a relative .ts import between the project's own modules to the file it names", () => {
    expect(ownFileUrl("./errors.ts", url("src/cli/program.ts"), roots)).toBe(url("src/cli/errors.ts"))
    expect(ownFileUrl("../../../src/plugins/index.ts", url("plugins/teacher/x/index.ts"), roots)).toBe(url("src/plugins/index.ts"))
    expect(ownFileUrl("../store/a b.ts", url("src/cli/program.ts"), roots)).toBe(url("src/store/a b.ts"))
  })

  it("leaves everything else to Node: bare specifiers, JSON, other extensions, importers and targets outside src/ and plugins/", () => {
    const from = url("src/cli/program.ts")
    expect(ownFileUrl("effect/Effect", from, roots)).toBeUndefined()
    expect(ownFileUrl("node:fs", from, roots)).toBeUndefined()
    expect(ownFileUrl("./config.schema.json", url("plugins/teacher/x/index.ts"), roots)).toBeUndefined()
    expect(ownFileUrl("./lib.js", from, roots)).toBeUndefined()
    expect(ownFileUrl("/abs/file.ts", from, roots)).toBeUndefined()
    expect(ownFileUrl("./helper.ts", url("experiments/plugins/mine/index.ts"), roots)).toBeUndefined()
    expect(ownFileUrl("../../bench/x.ts", from, roots)).toBeUndefined()
    expect(ownFileUrl("./x.ts", undefined, roots)).toBeUndefined()
    expect(ownFileUrl("./x.ts", pathToFileURL(path.join(path.sep, "repo-other", "src", "a.ts")).href, roots)).toBeUndefined()
  })
})
