// Tests for `include:`: merging, positions inside included files, missing files and cycles.
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { editLine, expectDiagnostic, loadFailure, loadSuccess, validSpec, writeSpecs } from "./support.ts"

/** The valid spec moved one folder down (its plugin paths adjusted); line numbers are unchanged. */
const common = validSpec.replaceAll("../plugins/", "../../plugins/")

describe("include", () => {
  it("merges included specs under the including one: objects deep, lists replaced", async () => {
    const main = "include: [common/base.yaml]\nname: main-exp\ntrain:\n  lr: 0.002\nstudents:\n  sizes: [s]\n"
    const file = writeSpecs({ "main.yaml": main, "common/base.yaml": common })
    const spec = await loadSuccess(file)
    expect(spec.name).toBe("main-exp")
    expect(spec.train).toMatchObject({ method: "sft", lr: 0.002, epochs: 2 })
    expect(spec.students.sizes).toEqual(["s"])
    expect(spec.students.family).toBe("tiny")
    expect("include" in spec).toBe(false)
    expect(spec.files.map((f) => path.relative(path.dirname(file), f))).toEqual(["main.yaml", path.join("common", "base.yaml")])
  })

  it("rebases relative plugin paths written in an included file", async () => {
    const file = writeSpecs({ "main.yaml": "include: [common/base.yaml]\n", "common/base.yaml": common })
    const spec = await loadSuccess(file)
    expect(spec.teachers["long"]?.use).toBe("../plugins/teacher/fake")
    expect(spec.plugins["/teachers/long"]?.name).toBe("fake-teacher")
  })

  it("later includes and the including file win", async () => {
    const file = writeSpecs({
      "main.yaml": "include: [a.yaml, b.yaml]\nseed: 9\n",
      "a.yaml": editLine(2, "seed: 1", validSpec),
      "b.yaml": "seed: 2\ndescription: from b\n"
    })
    const spec = await loadSuccess(file)
    expect([spec.seed, spec.description]).toEqual([9, "from b"])
  })

  it("a missing include file is an error at its entry", async () => {
    const file = writeSpecs({ "main.yaml": "include:\n  - common/base.yaml\n  - common/missing.yaml\n", "common/base.yaml": common })
    const error = await loadFailure(file)
    expect(error.diagnostics).toHaveLength(1)
    expectDiagnostic(error.diagnostics, { line: 3, col: 5, pointer: "/include/1", message: "include file not found", file: "main.yaml" })
  })

  it("an include cycle is an error at the entry that closes it", async () => {
    const file = writeSpecs({
      "a.yaml": "include: [b.yaml]\nname: a\n",
      "b.yaml": "name: b\ninclude:\n  - a.yaml\n"
    })
    const error = await loadFailure(file)
    expect(error.diagnostics).toHaveLength(1)
    expectDiagnostic(error.diagnostics, { line: 3, col: 5, pointer: "/include/0", message: "include cycle: a.yaml -> b.yaml -> a.yaml", file: "b.yaml" })
  })

  it("a file including itself is a cycle", async () => {
    const error = await loadFailure(writeSpecs({ "self.yaml": "include: [./self.yaml]\n" }))
    expectDiagnostic(error.diagnostics, { line: 1, col: 11, pointer: "/include/0", message: "include cycle: self.yaml -> self.yaml" })
  })

  it("an error inside an included file points into that file", async () => {
    const file = writeSpecs({ "main.yaml": "include: [common/base.yaml]\nname: main-exp\n", "common/base.yaml": editLine(12, "    samples: zero", common) })
    const error = await loadFailure(file)
    expect(error.diagnostics).toHaveLength(1)
    expectDiagnostic(error.diagnostics, {
      line: 12, col: 14, pointer: "/teachers/short/samples", message: 'must be a whole number (got "zero")', file: "base.yaml"
    })
  })

  it("an override in the including file is reported in the including file", async () => {
    const file = writeSpecs({ "main.yaml": "include: [common/base.yaml]\ntrain:\n  lr: fast\n", "common/base.yaml": common })
    const error = await loadFailure(file)
    expectDiagnostic(error.diagnostics, { line: 3, col: 7, pointer: "/train/lr", message: "must be a number", file: "main.yaml" })
  })

  it("a YAML error in an included file is located in it", async () => {
    const file = writeSpecs({ "main.yaml": "include: [bad.yaml]\n", "bad.yaml": "seed: 1\nseed: 2\n" })
    const error = await loadFailure(file)
    expectDiagnostic(error.diagnostics, { line: 2, col: 1, pointer: "/seed", message: "duplicate key 'seed'", file: "bad.yaml" })
  })

  it("include must be a list of paths", async () => {
    const error = await loadFailure(writeSpecs({ "main.yaml": "name: x\ninclude: base.yaml\n" }))
    expectDiagnostic(error.diagnostics, { line: 2, col: 1, pointer: "/include", message: "must be a list of file paths" })
  })
})
