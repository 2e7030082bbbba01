// Tests for hostile or careless spec files: alias bombs, huge files, devices, FIFOs, directories, deep nesting, unknown tags.
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { parseSpecText } from "../../src/spec/index.ts"
import { DEFAULT_LIMITS, startUsage } from "../../src/spec/limits.ts"
import { distill } from "../support/cli.ts"
import { editLine, expectDiagnostic, loadFailure, validSpec, writeSpecs } from "./support.ts"

/** A billion-laughs document: `levels` anchors, each a list of nine aliases of the previous one. */
const aliasBomb = (levels: number): string => {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(",")}]`)
  return `${lines.join("\n")}\n`
}

describe("spec limits", () => {
  it("refuses a 1 KB alias bomb at the alias that overflows the expansion cap", async () => {
    const bomb = aliasBomb(9)
    expect(bomb.length).toBeLessThan(1024)
    const error = await loadFailure(writeSpecs({ "bomb.yaml": bomb }))
    expect(error.diagnostics).toHaveLength(1)
    const d = error.diagnostics[0]!
    expect(d.message).toContain(`aliases expand to more than ${DEFAULT_LIMITS.aliasNodes} values`)
    expect(d.line).toBeGreaterThan(1)
  })

  it("refuses a 6-level alias bomb", async () => {
    const error = await loadFailure(writeSpecs({ "bomb.yaml": `${validSpec}${aliasBomb(6)}` }))
    expect(error.diagnostics.map((d) => d.message).join("\n")).toContain("aliases expand to more than")
  })

  it("still accepts aliases and merge keys of ordinary size", async () => {
    const text = editLine(8, "  long: &t { use: ../plugins/teacher/fake, with: { style: long } }\n  other: *t")
      .replace("  mix: { long: 0.2, short: 0.8 }", "  mix: { long: 0.2, short: 0.8 }\n  both: { <<: { long: 1 }, short: 1 }")
    const r = parseSpecText("/x/a.yaml", text)
    expect(r.ok).toBe(true)
  })

  it("refuses a 50 MB spec by its size, without parsing it", async () => {
    const file = writeSpecs({ "big.yaml": "" })
    const line = "k: { a: 1, b: [x, y] }\n"
    fs.writeFileSync(file, line.repeat(Math.ceil(50e6 / line.length)))
    const error = await loadFailure(file)
    expectDiagnostic(error.diagnostics, { line: 1, col: 1, pointer: "", message: `a spec file may hold at most ${DEFAULT_LIMITS.fileBytes}` })
  })

  it("refuses an include of /dev/zero at the include entry", async () => {
    const error = await loadFailure(writeSpecs({ "z.yaml": "include:\n  - /dev/zero\n" }))
    expectDiagnostic(error.diagnostics, { line: 2, col: 5, pointer: "/include/0", message: "/dev/zero is a character device, not a regular file" })
  })

  it.skipIf(spawnSync("mkfifo", ["--version"]).status !== 0)("refuses an include of a FIFO without waiting for a writer", async () => {
    const file = writeSpecs({ "f.yaml": "include: [pipe.yaml]\n" })
    const fifo = path.join(path.dirname(file), "pipe.yaml")
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0)
    const error = await loadFailure(file)
    expectDiagnostic(error.diagnostics, { line: 1, col: 11, pointer: "/include/0", message: "is a FIFO (named pipe), not a regular file" })
  })

  it("refuses a directory as an include and as the spec itself", async () => {
    const file = writeSpecs({ "d.yaml": "include: [sub]\n", "sub/x.yaml": "seed: 1\n" })
    const error = await loadFailure(file)
    expectDiagnostic(error.diagnostics, { line: 1, col: 11, pointer: "/include/0", message: "is a directory, not a regular file" })
    const self = await loadFailure(path.join(path.dirname(file), "sub"))
    expect(self.diagnostics[0]!.message).toContain("is a directory, not a regular file")
  })

  it("caps the files one spec reads, so repeated includes cannot multiply", async () => {
    const file = writeSpecs({ "many.yaml": `include: [${Array(DEFAULT_LIMITS.files + 5).fill("b.yaml").join(", ")}]\n`, "b.yaml": "seed: 1\n" })
    const error = await loadFailure(file)
    expect(error.diagnostics).toHaveLength(1)
    expect(error.diagnostics[0]!.message).toContain(`at most ${DEFAULT_LIMITS.files} files`)
  })

  it("refuses deep flow nesting before parsing, at the bracket past the cap", () => {
    const r = parseSpecText("/x/deep.yaml", `a: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.diagnostics).toEqual([{ file: "/x/deep.yaml", line: 1, col: 4 + DEFAULT_LIMITS.depth, pointer: "", message: `lists and mappings nest deeper than ${DEFAULT_LIMITS.depth} levels` }])
  })

  it("refuses deep block nesting at the level past the cap", () => {
    const text = Array.from({ length: 80 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n") + " 1\n"
    const r = parseSpecText("/x/deep.yaml", text)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.diagnostics).toHaveLength(1)
      expect(r.diagnostics[0]!.message).toContain("nest deeper than")
      expect(r.diagnostics[0]!.line).toBe(DEFAULT_LIMITS.depth + 1)
    }
  })

  it("caps YAML tokens and values", () => {
    const items = `list: [${Array(200).fill("x").join(", ")}]\n`
    const byTokens = parseSpecText("/x/t.yaml", items, startUsage({ ...DEFAULT_LIMITS, tokens: 100 }))
    expect(!byTokens.ok && byTokens.diagnostics[0]!.message).toContain("more than 100 YAML tokens")
    const byNodes = parseSpecText("/x/t.yaml", items, startUsage({ ...DEFAULT_LIMITS, nodes: 50 }))
    expect(!byNodes.ok && byNodes.diagnostics[0]!.message).toContain("more than 50 values")
    expect(parseSpecText("/x/t.yaml", items).ok).toBe(true)
  })
})

describe("YAML tags and special numbers", () => {
  it("refuses an unknown tag where it is written, instead of reading it as a string", async () => {
    const error = await loadFailure(writeSpecs({ "t.yaml": editLine(1, "name: !secret demo") }))
    expectDiagnostic(error.diagnostics, { line: 1, col: 7, pointer: "/name", message: "unknown YAML tag '!secret'" })
  })

  it("refuses tags outside the core schema (!!binary, !!set)", () => {
    for (const [text, tag] of [["a: !!binary aGVsbG8=\n", "!!binary"], ["a: !!set { x }\n", "!!set"]] as const) {
      const r = parseSpecText("/x/t.yaml", text)
      expect(!r.ok && r.diagnostics[0]!.message).toContain(`unknown YAML tag '${tag}'`)
    }
    expect(parseSpecText("/x/t.yaml", "a: !!str 12\nb: !!int 3\n").ok).toBe(true)
  })

  it("refuses .inf and .nan", async () => {
    const error = await loadFailure(writeSpecs({ "n.yaml": editLine(23, "  lr: .inf") }))
    expectDiagnostic(error.diagnostics, { line: 23, col: 7, pointer: "/train/lr", message: "must be a finite number (got .inf)" })
  })
})

describe("distill validate on hostile specs", () => {
  it("exits 2 with a located message for an alias bomb and for /dev/zero", () => {
    const file = writeSpecs({ "bomb.yaml": aliasBomb(9), "zero.yaml": "include: [/dev/zero]\n" })
    const bomb = distill(["validate", file])
    expect(bomb.status).toBe(2)
    expect(bomb.stderr + bomb.stdout).toMatch(/bomb\.yaml:\d+:\d+: .*aliases expand to more than/)
    const zero = distill(["validate", path.join(path.dirname(file), "zero.yaml")])
    expect(zero.status).toBe(2)
    expect(zero.stderr + zero.stdout).toMatch(/zero\.yaml:1:11: \/include\/0: include file \/dev\/zero is a character device/)
  })
})
