// Tests for the constant-answer baseline.
import { describe, expect, it } from "vitest"
import { constantBaselines } from "../../src/report/baseline.ts"
import { baselineLine } from "../../src/report/document.ts"
import type { EvalRecord } from "../../src/report/types.ts"

const record = (evalSet: string, sampleId: string, reference: string, mix = "a"): EvalRecord => ({
  student: { family: "tiny", size: "xs", params: 1 }, mix, method: "sft", seed: 1, evalSet, sampleId,
  verdict: "incorrect", extracted: null, reference, outputTokens: 1, stopReason: "eos", text: ""
} as unknown as EvalRecord)

describe("constantBaselines", () => {
  it("scores the most common reference per eval set over distinct samples", () => {
    const evals = [
      record("in", "1", "7"), record("in", "2", "7"), record("in", "3", "4"), record("in", "4", "9"),
      record("in", "1", "7", "b"), record("in", "2", "7", "b"),
      record("out", "x", "3"), record("out", "y", "5")
    ]
    expect(constantBaselines(evals)).toEqual([
      { evalSet: "in", answer: "7", accuracy: 50, n: 4 },
      { evalSet: "out", answer: "3", accuracy: 50, n: 2 }
    ])
  })

  it("is empty without evaluations, and the report line names each set", () => {
    expect(constantBaselines([])).toEqual([])
    expect(baselineLine([])).toBe("")
    expect(baselineLine([{ evalSet: "in", answer: "7", accuracy: 12.5, n: 8 }])).toContain("in 12.5% (answer 7, n=8)")
  })
})
