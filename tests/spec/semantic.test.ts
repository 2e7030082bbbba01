// Tests for cross-reference checks: teachers in mixes, weights, gaps, train.base and expected cells.
import { describe, expect, it } from "vitest"
import { editLine, expectDiagnostic, expectEditFails, loadFailure, loadSuccess, validSpec, writeSpecs } from "./support.ts"

describe("cross-references", () => {
  it("a mix naming a missing teacher: at the key, with did-you-mean", async () => {
    await expectEditFails(16, "  mix: { long: 0.2, shrt: 0.8 }", {
      line: 16, col: 21, pointer: "/mixes/mix/shrt", message: "unknown teacher 'shrt' (known: long, short)", suggestion: "short"
    })
  })

  it("a mix whose weights are all zero", async () => {
    await expectEditFails(16, "  mix: { long: 0, short: 0.0 }", {
      line: 16, col: 3, pointer: "/mixes/mix", message: "mix 'mix' has only zero weights"
    })
  })

  it("a gap naming an unknown mix", async () => {
    await expectEditFails(25, "  gaps: [{ minuend: long_only, subtrahend: mixx }]", {
      line: 25, col: 44, pointer: "/report/gaps/0/subtrahend", message: "unknown mix 'mixx' (known: long_only, mix)", suggestion: "mix"
    })
  })

  it("a gap subtracting a mix from itself", async () => {
    await expectEditFails(25, "  gaps:\n    - { minuend: mix, subtrahend: mix }", {
      line: 26, col: 7, pointer: "/report/gaps/0", message: "gap subtracts mix 'mix' from itself"
    })
  })

  it("an expected cell naming an unknown eval set", async () => {
    await expectEditFails(27, "  - { size: s, mix: mix, eval: gsm8k, value: 40, tolerance: 5 }", {
      line: 27, col: 32, pointer: "/expected/0/eval", message: "unknown eval set 'gsm8k' (known: gsm, avg)", suggestion: "gsm"
    })
  })

  it("an expected cell naming an unknown size or mix", async () => {
    const error = await loadFailure(writeSpecs({ "x.yaml": editLine(27, "  - { size: xl, mix: mux, eval: avg, value: 40, tolerance: 5 }") }))
    expect(error.diagnostics).toHaveLength(2)
    expectDiagnostic(error.diagnostics, { line: 27, col: 13, pointer: "/expected/0/size", message: "unknown student size 'xl' (known: s, m)" })
    expectDiagnostic(error.diagnostics, { line: 27, col: 22, pointer: "/expected/0/mix", message: "unknown mix 'mux'", suggestion: "mix" })
  })

  it("the same expected cell twice", async () => {
    await expectEditFails(27, "  - { size: s, mix: mix, eval: avg, value: 40, tolerance: 5 }\n  - { size: s, mix: mix, eval: avg, value: 41, tolerance: 5 }", {
      line: 28, col: 5, pointer: "/expected/1", message: "cell (s, mix, avg) repeats /expected/0"
    })
  })

  it("train.base naming an unknown mix", async () => {
    await expectEditFails(23, "  lr: 0.0005\n  base: mixed", {
      line: 24, col: 9, pointer: "/train/base", message: "unknown mix 'mixed'", suggestion: "mix"
    })
  })

  it("size_config for a size not in the grid", async () => {
    await expectEditFails(19, "  sizes: [s, m]\n  size_config:\n    l: { d_model: 64 }", {
      line: 21, col: 5, pointer: "/students/size_config/l", message: "unknown student size 'l'"
    })
  })

  it("a training method the trainer does not implement", async () => {
    await expectEditFails(22, "  method: [sft, dpo]", {
      line: 22, col: 17, pointer: "/train/method/1", message: "trainer 'fake-trainer' does not implement method 'dpo' (it implements: sft)"
    })
  })

  it("a student size the trainer does not know, with did-you-mean", async () => {
    await expectEditFails(19, "  sizes: [s, mm]", {
      line: 19, col: 14, pointer: "/students/sizes/1", message: "unknown size 'mm' for family 'tiny'", suggestion: "m"
    })
  })

  it("a student family the trainer does not have", async () => {
    await expectEditFails(18, "  family: qwen2.5", {
      line: 18, col: 11, pointer: "/students/family", message: "trainer 'fake-trainer' has no student family 'qwen2.5'"
    })
  })

  it("an unknown backend plugin, with did-you-mean", async () => {
    await expectEditFails(17, "backend: { use: lokal }\nstudents:", {
      line: 17, col: 17, pointer: "/backend/use", message: "unknown backend plugin 'lokal'", suggestion: "local"
    })
  })

  it("an eval set named 'avg' is reserved", async () => {
    const error = await loadFailure(writeSpecs({ "x.yaml": editLine(6, "    avg: { use: ../plugins/dataset/fake }") }))
    expectDiagnostic(error.diagnostics, { line: 6, col: 5, pointer: "/data/eval/avg", message: "'avg' is reserved" })
  })

  it("accepts 'avg' in expected cells and zero weights beside a positive one", async () => {
    const text = editLine(27, "  - { size: m, mix: mix, eval: avg, value: 40, tolerance: 5 }", editLine(16, "  mix: { long: 0, short: 1 }"))
    const spec = await loadSuccess(writeSpecs({ "x.yaml": text }))
    expect(spec.expected?.[0]?.eval).toBe("avg")
    expect(spec.mixes["mix"]).toEqual({ long: 0, short: 1 })
    expect(validSpec).toContain("eval: gsm")
  })
})
