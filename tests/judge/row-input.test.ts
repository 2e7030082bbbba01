import { describe, expect, it } from "vitest"
import { judgeInputFor } from "../../src/judge/row-input.ts"

describe("judgeInputFor", () => {
  it("passes a row's precision (MathVista) and options to the judge, and nothing it lacks", () => {
    const row = { id: "1", question: "Q?", reference: "1.5", choices: ["1.5", "2"], answerKind: "number" as const, meta: { precision: 1 } }
    expect(judgeInputFor("1.52", row)).toEqual({ pred: "1.52", ref: "1.5", question: "Q?", choices: ["1.5", "2"], answerKind: "number", precision: 1 })
    expect(judgeInputFor("x", { id: "2", question: "Q", reference: "y", meta: { precision: "one" } })).toEqual({ pred: "x", ref: "y", question: "Q" })
  })
})
