// Tests for YAML-level spec errors: syntax, duplicate keys, documents and top-level shape.
import { describe, expect, it } from "vitest"
import { parseSpecText } from "../../src/spec/index.ts"
import { editLine, expectDiagnostic, expectEditFails, loadFailure, validSpec, writeSpecs } from "./support.ts"

describe("YAML parsing", () => {
  it("reports a syntax error at its line and column", async () => {
    const error = await loadFailure(writeSpecs({ "x.yaml": editLine(19, "  sizes: [s, m") }))
    expect(error.diagnostics).toHaveLength(1)
    const d = error.diagnostics[0]!
    expect({ line: d.line, col: d.col, pointer: d.pointer }).toEqual({ line: 20, col: 3, pointer: "" })
    expect(d.message).toContain("YAML syntax error: flow sequence in block collection must be sufficiently indented and end with a ]")
  })

  it("reports a mapping written inside a scalar line", async () => {
    await expectEditFails(22, "  method: sft: x", {
      line: 22, col: 11, pointer: "", message: "nested mappings are not allowed in compact mappings"
    })
  })

  it("reports a duplicate key at the second occurrence, naming the first", async () => {
    await expectEditFails(23, "  lr: 0.0005\n  lr: 0.001", {
      line: 24, col: 3, pointer: "/train/lr", message: "duplicate key 'lr' (first defined at line 23)"
    })
  })

  it("reports a duplicate key inside a flow mapping", async () => {
    await expectEditFails(16, "  mix: { long: 0.2, short: 0.8, long: 0.1 }", {
      line: 16, col: 33, pointer: "/mixes/mix/long", message: "duplicate key 'long'"
    })
  })

  it("rejects a list at the top level", async () => {
    const error = await loadFailure(writeSpecs({ "list.yaml": "# experiments\n- name: a\n- name: b\n" }))
    expectDiagnostic(error.diagnostics, { line: 2, col: 1, pointer: "", message: "top level must be a mapping of experiment keys (got a list)" })
  })

  it("rejects a scalar document", () => {
    const r = parseSpecText("/x/s.yaml", "\n  just text\n")
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.diagnostics).toEqual([{ file: "/x/s.yaml", line: 2, col: 3, pointer: "", message: "the top level must be a mapping of experiment keys (got a string value)" }])
  })

  it("rejects an empty file", async () => {
    const error = await loadFailure(writeSpecs({ "empty.yaml": "" }))
    expectDiagnostic(error.diagnostics, { line: 1, col: 1, pointer: "", message: "the file is empty" })
  })

  it("rejects a file holding only comments", async () => {
    const error = await loadFailure(writeSpecs({ "c.yaml": "# nothing yet\n" }))
    expectDiagnostic(error.diagnostics, { line: 1, col: 1, pointer: "", message: "the file is empty" })
  })

  it("rejects several documents, pointing at the second", async () => {
    const error = await loadFailure(writeSpecs({ "m.yaml": `${validSpec}---\nname: other\n` }))
    expectDiagnostic(error.diagnostics, { line: 28, col: 1, pointer: "", message: "2 YAML documents" })
  })

  it("reports a missing spec file", async () => {
    const error = await loadFailure("/nonexistent/dir/spec.yaml")
    expectDiagnostic(error.diagnostics, { line: 1, col: 1, pointer: "", message: "spec file not found" })
  })

  it("keeps source positions for anchors, aliases and merge keys", () => {
    const text = "base: &b\n  lr: 1\n  epochs: 2\ntrain:\n  <<: *b\n  epochs: 3\nother: *b\n"
    const r = parseSpecText("/s.yaml", text)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const train = r.root.entries.get("train")!.value
    expect(train.kind).toBe("map")
    if (train.kind !== "map") return
    expect([...train.entries.keys()]).toEqual(["epochs", "lr"])
    expect(train.entries.get("epochs")!.keyPos).toEqual({ file: "/s.yaml", line: 6, col: 3 })
    expect(train.entries.get("lr")!.keyPos).toEqual({ file: "/s.yaml", line: 2, col: 3 })
    expect(r.root.entries.get("other")!.value.pos).toEqual({ file: "/s.yaml", line: 7, col: 8 })
  })
})
