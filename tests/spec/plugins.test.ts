// Tests for plugin references: unknown names, wrong kinds, `with:` validation and defaults.
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { builtinNames } from "../../src/plugins/registry.ts"
import { formatDiagnostics } from "../../src/spec/index.ts"
import { pluginSites, rebaseUse } from "../../src/spec/plugins.ts"
import { editLine, expectEditFails, loadFailure, loadSuccess, writeSpecs } from "./support.ts"

const datasets = builtinNames("dataset")

describe("plugin references", () => {
  it.skipIf(!datasets.includes("synthetic"))("unknown built-in name: did-you-mean and the available names", async () => {
    const d = await expectEditFails(4, "  train: { use: synthtic }", {
      line: 4, col: 17, pointer: "/data/train/use", message: "unknown dataset plugin 'synthtic'", suggestion: "synthetic"
    })
    expect(d.message).toContain(`(available: ${datasets.join(", ")})`)
  })

  it("unknown name without a close match gives no suggestion", async () => {
    const d = await expectEditFails(13, "judge: { use: zzzzzzzzzz }", {
      line: 13, col: 15, pointer: "/judge/use", message: "unknown judge plugin 'zzzzzzzzzz' (available:"
    })
    expect(d.suggestion).toBeUndefined()
  })

  it("a relative path with no module", async () => {
    await expectEditFails(13, "judge: { use: ./nowhere/judge }", {
      line: 13, col: 15, pointer: "/judge/use", message: "no judge plugin module at './nowhere/judge'"
    })
  })

  it("a plugin of another kind", async () => {
    await expectEditFails(13, "judge: { use: ../plugins/dataset/fake }", {
      line: 13, col: 15, pointer: "/judge/use", message: "is a dataset plugin, not a judge plugin"
    })
  })

  it("bad `with` value (enum) with did-you-mean, formatted on one line", async () => {
    const file = writeSpecs({ "x.yaml": editLine(8, "  long: { use: ../plugins/teacher/fake, with: { style: lng } }") })
    const error = await loadFailure(file)
    expect(error.diagnostics).toHaveLength(1)
    expect(formatDiagnostics(error.diagnostics, path.dirname(path.dirname(file)))).toBe(
      `specs/x.yaml:8:56: /teachers/long/with/style: must be one of: long, short (got "lng"). Did you mean 'long'?`
    )
    expect(error.message).toBe(formatDiagnostics(error.diagnostics))
  })

  it("unknown key inside `with` points at the key", async () => {
    await expectEditFails(11, `    with: { style: short, api_kee: "\${env:FAKE_KEY}" }`, {
      line: 11, col: 27, pointer: "/teachers/short/with/api_kee", message: "unknown key 'api_kee'", suggestion: "api_key"
    })
  })

  it("wrong type inside a block `with`", async () => {
    await expectEditFails(4, "  train:\n    use: ../plugins/dataset/fake\n    with:\n      count: many", {
      line: 7, col: 14, pointer: "/data/train/with/count", message: 'must be a whole number (got "many")'
    })
  })

  it("applies plugin defaults and records the loaded plugins", async () => {
    const spec = await loadSuccess(writeSpecs({ "x.yaml": editLine(13, "judge: { use: ../plugins/judge/fake }") }))
    expect(spec.judge.with).toEqual({ trim: true })
    expect(spec.plugins["/judge"]).toMatchObject({ kind: "judge", name: "fake-judge", version: "1.0.0", config: { trim: true } })
    expect(spec.plugins["/teachers/short"]).toMatchObject({ kind: "teacher", name: "fake-teacher", version: "2.1.0" })
    expect(Object.keys(spec.plugins).sort()).toEqual(["/backend", "/data/eval/gsm", "/data/train", "/judge", "/students/trainer", "/teachers/long", "/teachers/short"])
    expect(spec.plugins["/backend"]).toMatchObject({ kind: "backend", name: "local" })
  })

  it("validates evaluate.judge too", async () => {
    const text = editLine(13, "judge: { use: ../plugins/judge/fake }\nevaluate:\n  judge: { use: ../plugins/judge/fake, with: { trim: 1 } }")
    await expectEditFails(13, text.split("\n").slice(12, 15).join("\n"), {
      line: 15, col: 54, pointer: "/evaluate/judge/with/trim", message: "must be true or false (got 1)"
    })
  })

  it("students.trainer defaults to torch, backend to local, and every `with` to {}", () => {
    const spec: Record<string, unknown> = {
      data: { train: { use: "a" }, eval: { e: { use: "b", with: { x: 1 } } } },
      teachers: { t: { use: "c" } }, judge: { use: "d" }, students: { family: "f", sizes: ["s"] }
    }
    const sites = pluginSites(spec)
    expect(sites.map((s) => [s.pointer, s.kind, s.ref["use"]])).toEqual([
      ["/data/train", "dataset", "a"], ["/data/eval/e", "dataset", "b"], ["/teachers/t", "teacher", "c"],
      ["/judge", "judge", "d"], ["/students/trainer", "trainer", "torch"], ["/backend", "backend", "local"]
    ])
    expect(spec["students"]).toEqual({ family: "f", sizes: ["s"], trainer: { use: "torch", with: {} } })
    expect((spec["data"] as { eval: { e: unknown } }).eval.e).toEqual({ use: "b", with: { x: 1 } })
  })

  it.skipIf(!builtinNames("trainer").includes("torch"))("a spec without a trainer loads the torch trainer", async () => {
    const spec = await loadSuccess(writeSpecs({ "x.yaml": editLine(20, "") }))
    expect(spec.students.trainer.use).toBe("torch")
    expect(spec.plugins["/students/trainer"]?.kind).toBe("trainer")
  })

  it("rebases relative `use` paths of included files onto the spec directory", () => {
    expect(rebaseUse("./fake", "/r/specs/common/t.yaml", "/r/specs")).toBe("./common/fake")
    expect(rebaseUse("../../plugins/x", "/r/specs/common/t.yaml", "/r/specs")).toBe("../plugins/x")
    expect(rebaseUse("openai", "/r/specs/common/t.yaml", "/r/specs")).toBe("openai")
  })
})
