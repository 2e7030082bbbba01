// Tests for schema errors mapped to file positions, in words a researcher understands.
import { describe, expect, it } from "vitest"
import { editLine, expectDiagnostic, expectEditFails, loadFailure, validSpec, writeSpecs } from "./support.ts"

describe("schema validation", () => {
  it("wrong type: a mapping where a list is expected", async () => {
    await expectEditFails(19, "  sizes: { s: 1 }", {
      line: 19, col: 3, pointer: "/students/sizes", message: "must be a list (got a mapping)"
    })
  })

  it("string where a number is expected", async () => {
    await expectEditFails(23, "  lr: fast", { line: 23, col: 7, pointer: "/train/lr", message: 'must be a number (got "fast")' })
  })

  it("a fraction where a whole number is expected", async () => {
    await expectEditFails(12, "    samples: 2.5", {
      line: 12, col: 14, pointer: "/teachers/short/samples", message: "must be a whole number (got 2.5)"
    })
  })

  it("unknown top-level key with did-you-mean", async () => {
    const d = await expectEditFails(2, "sed: 3", {
      line: 2, col: 1, pointer: "/sed", message: "unknown key 'sed'", suggestion: "seed"
    })
    expect(d.message).toBe("unknown key 'sed'")
  })

  it("misspelled nested key suggests the property its description names", async () => {
    await expectEditFails(23, "  lerning_rate: 0.0005", {
      line: 23, col: 3, pointer: "/train/lerning_rate", message: "unknown key 'lerning_rate'", suggestion: "lr"
    })
  })

  it("unknown key without a close match lists the allowed keys", async () => {
    await expectEditFails(18, "  family: tiny\n  colour: red", {
      line: 19, col: 3, pointer: "/students/colour", message: "unknown key 'colour' (allowed: family, sizes, trainer, size_config)"
    })
  })

  it("an empty value is reported at its key", async () => {
    const text = validSpec.replace("  family: tiny\n  sizes: [s, m]\n  trainer: { use: ../plugins/trainer/fake }\n", "\n\n\n")
    const error = await loadFailure(writeSpecs({ "x.yaml": text }))
    expect(error.diagnostics).toHaveLength(1)
    expectDiagnostic(error.diagnostics, { line: 17, col: 1, pointer: "/students", message: "must be a mapping (got nothing)" })
  })

  it("missing required field points at its parent", async () => {
    await expectEditFails(18, "  # no family", {
      line: 17, col: 1, pointer: "/students/family", message: "missing required key 'family'"
    })
  })

  it("missing required top-level field points at the file start", async () => {
    await expectEditFails(1, "# unnamed", { line: 2, col: 1, pointer: "/name", message: "missing required key 'name'" })
  })

  it("negative weight", async () => {
    await expectEditFails(16, "  mix: { long: -0.2, short: 0.8 }", {
      line: 16, col: 16, pointer: "/mixes/mix/long", message: "must be >= 0 (got -0.2)"
    })
  })

  it("empty size grid", async () => {
    await expectEditFails(19, "  sizes: []", { line: 19, col: 3, pointer: "/students/sizes", message: "must not be empty" })
  })

  it("repeated size", async () => {
    await expectEditFails(19, "  sizes: [s, m, s]", {
      line: 19, col: 17, pointer: "/students/sizes/2", message: 'repeats "s" (items 0 and 2)'
    })
  })

  it("bad experiment name pattern", async () => {
    await expectEditFails(1, "name: My Experiment", {
      line: 1, col: 7, pointer: "/name", message: `"My Experiment" must match ^[a-z0-9][a-z0-9._-]*$ (experiment name: lower-case letters`
    })
  })

  it("bad teacher name points at the key", async () => {
    await expectEditFails(8, "  long teacher: { use: ../plugins/teacher/fake }", {
      line: 8, col: 3, pointer: "/teachers/long teacher", message: "name 'long teacher' must match ^[A-Za-z0-9][A-Za-z0-9._-]*$"
    })
  })

  it("collapses anyOf alternatives into one message with a suggestion", async () => {
    await expectEditFails(22, "  method: sfx", {
      line: 22, col: 11, pointer: "/train/method",
      message: 'must be sft, lora, dpo, grpo; or a list of sft, lora, dpo, grpo (got "sfx")', suggestion: "sft"
    })
  })

  it("reports inside the anyOf alternative the value's shape matched", async () => {
    await expectEditFails(22, "  method: [sft, dpx]", {
      line: 22, col: 17, pointer: "/train/method/1", message: "must be one of: sft, lora, dpo, grpo", suggestion: "dpo"
    })
  })

  it("filter.keep object form reports its own bound", async () => {
    const error = await loadFailure(writeSpecs({ "x.yaml": `${validSpec}filter: { keep: { max_per_problem: 0 } }\n` }))
    expectDiagnostic(error.diagnostics, {
      line: 28, col: 36, pointer: "/filter/keep/max_per_problem", message: "must be >= 1 (got 0)"
    })
    expect(error.diagnostics).toHaveLength(1)
  })

  it("reports every schema error at once", async () => {
    const text = editLine(23, "  lr: -1", editLine(12, "    samples: 0"))
    const error = await loadFailure(writeSpecs({ "x.yaml": text }))
    expect(error.diagnostics.map((d) => `${d.line}:${d.col} ${d.pointer}`)).toEqual([
      "12:14 /teachers/short/samples", "23:7 /train/lr"
    ])
  })
})
