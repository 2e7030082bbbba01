// Tests of the interpreter choice for the Math-Verify worker: DISTILL_PYTHON, then <repo>/.venv, then python3.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { resolvePython } from "../../../../plugins/judge/math-verify/index.ts"

const envOf = (vars: Record<string, string>) => (name: string) => vars[name]

describe("resolvePython", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "mv-root-"))

  it("falls back to python3 from the PATH when there is no .venv", () => {
    expect(resolvePython(envOf({}), root)).toEqual({ command: "python3", source: "PATH" })
  })

  it("prefers the project's .venv over the PATH", () => {
    fs.mkdirSync(path.join(root, ".venv", "bin"), { recursive: true })
    fs.writeFileSync(path.join(root, ".venv", "bin", "python"), "")
    expect(resolvePython(envOf({}), root)).toEqual({ command: path.join(root, ".venv", "bin", "python"), source: ".venv" })
  })

  it("prefers DISTILL_PYTHON over everything, and ignores it when empty", () => {
    expect(resolvePython(envOf({ DISTILL_PYTHON: "/opt/py/bin/python" }), root)).toEqual({ command: "/opt/py/bin/python", source: "DISTILL_PYTHON" })
    expect(resolvePython(envOf({ DISTILL_PYTHON: "" }), root).source).toBe(".venv")
  })
})
