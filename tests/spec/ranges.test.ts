// Tests for numeric ranges in the experiment and plugin schemas, inverted ranges, model sizes and prompt placeholders.
import { describe, expect, it } from "vitest"
import { expectEditFails, loadSuccess, editLine, writeSpecs } from "./support.ts"

describe("numeric ranges", () => {
  it("refuses epochs: 1e308 at the value", async () => {
    await expectEditFails(23, "  lr: 0.0005\n  epochs: 1e308", { line: 24, col: 11, pointer: "/train/epochs", message: "must be <= 1000 (got 1e+308)" })
  })

  it("refuses bootstrap: 1e12", async () => {
    await expectEditFails(24, "report:\n  bootstrap: 1e12", { line: 25, col: 14, pointer: "/report/bootstrap", message: "must be <= 100000" })
  })

  it("refuses an absurd learning rate, temperature and sample count", async () => {
    await expectEditFails(23, "  lr: 50", { line: 23, col: 7, pointer: "/train/lr", message: "must be <= 1" })
    await expectEditFails(12, "    samples: 1000000", { line: 12, col: 14, pointer: "/teachers/short/samples", message: "must be <= 1024" })
    await expectEditFails(12, "    temperature: 7", { line: 12, col: 18, pointer: "/teachers/short/temperature", message: "must be <= 2" })
  })

  it("refuses negative and absurd model sizes in students.size_config", async () => {
    await expectEditFails(20, "  trainer: { use: ../plugins/trainer/fake }\n  size_config: { s: { d_model: -64 } }", {
      line: 21, col: 32, pointer: "/students/size_config/s/d_model", message: "must be >= 1 (got -64)"
    })
    await expectEditFails(20, "  trainer: { use: ../plugins/trainer/fake }\n  size_config: { s: { n_layers: 100000000 } }", {
      line: 21, col: 33, pointer: "/students/size_config/s/n_layers", message: "must be <= 1024"
    })
    await expectEditFails(20, "  trainer: { use: ../plugins/trainer/fake }\n  size_config: { s: { width: -3 } }", {
      line: 21, col: 30, pointer: "/students/size_config/s/width", message: "must be >= 0"
    })
  })

  it("accepts sizes and values inside their ranges", async () => {
    const spec = await loadSuccess(writeSpecs({ "ok.yaml": editLine(20, "  trainer: { use: ../plugins/trainer/fake }\n  size_config: { s: { d_model: 96, n_layers: 3 } }") }))
    expect(spec.students.size_config).toEqual({ s: { d_model: 96, n_layers: 3 } })
  })

  it("refuses an inverted range in a plugin's config (synthetic steps [4, 2])", async () => {
    await expectEditFails(4, "  train: { use: synthetic, with: { steps: [4, 2] } }", {
      line: 4, col: 36, pointer: "/data/train/with/steps", message: "inverted range [4, 2]: the first value must not be greater than the second"
    })
  })

  it("applies plugin schema maxima (a synthetic seed past 2^32)", async () => {
    await expectEditFails(4, "  train: { use: synthetic, with: { seed: 99999999999 } }", {
      line: 4, col: 42, pointer: "/data/train/with/seed", message: "must be <= 4294967295"
    })
  })
})

describe("prompt placeholders", () => {
  it("refuses a teacher prompt without {problem} at the prompt", async () => {
    await expectEditFails(12, "    samples: 2\n    prompt: \"Solve it step by step.\"", {
      line: 13, col: 13, pointer: "/teachers/short/prompt", message: "the prompt of teacher 'short' has no {problem} placeholder"
    })
  })

  it("refuses a train.prompt without {problem}", async () => {
    await expectEditFails(23, "  lr: 0.0005\n  prompt: \"Question:\\n\"", {
      line: 24, col: 11, pointer: "/train/prompt", message: "train.prompt has no {problem} placeholder"
    })
  })

  it("accepts templates that hold {problem}", async () => {
    const text = editLine(12, "    samples: 2\n    prompt: \"Q: {problem}\\nA:\"")
    const spec = await loadSuccess(writeSpecs({ "ok.yaml": text }))
    expect(spec.teachers["short"]?.prompt).toBe("Q: {problem}\nA:")
  })
})
