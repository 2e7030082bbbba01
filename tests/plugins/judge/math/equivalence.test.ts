// Tests of the comparison layer: symbolic equality, shapes, choices and relaxed accuracy.
import { describe, expect, it } from "vitest"
import { predictedChoice, referenceChoice } from "../../../../plugins/judge/math/choices.ts"
import { answersEqual, defaultEquivalence, judgeAnswer } from "../../../../plugins/judge/math/equivalence.ts"
import { relaxedMatch } from "../../../../plugins/judge/math/relaxed.ts"
import { latexEquivalent } from "../../../../plugins/judge/math/symbolic.ts"

describe("latexEquivalent", () => {
  it("compares closed forms numerically", () => {
    expect(latexEquivalent("\\frac{\\sqrt{2}}{2}", "\\frac{1}{\\sqrt{2}}", 1e-6)).toBe(true)
    expect(latexEquivalent("e^{i\\pi}", "-1", 1e-6)).toBe(true)
    expect(latexEquivalent("\\sqrt{2}", "1.41", 1e-6)).toBe(false)
  })
  it("samples free variables", () => {
    expect(latexEquivalent("(x+1)^2", "x^2+2x+1", 1e-6)).toBe(true)
    expect(latexEquivalent("(x+1)^2", "x^2+1", 1e-6)).toBe(false)
    expect(latexEquivalent("\\sin^2 t + \\cos^2 t", "1", 1e-6)).toBe(true)
  })
  it("compares equations up to a factor", () => {
    expect(latexEquivalent("2x+4y=6", "x+2y-3=0", 1e-6)).toBe(true)
    expect(latexEquivalent("2x+4y=6", "x+2y=6", 1e-6)).toBe(false)
  })
  it("is null for what it cannot parse", () => {
    expect(latexEquivalent("\\frac{}{}", "1", 1e-6)).toBeNull()
  })
  it("does not carry state between comparisons", () => {
    expect(latexEquivalent("n+1", "1+n", 1e-6)).toBe(true)
    expect(latexEquivalent("n", "2", 1e-6)).toBe(false)
    expect(latexEquivalent("n+1", "1+n", 1e-6)).toBe(true)
  })
})

describe("answersEqual", () => {
  it("matches sets in any order and tuples in order", () => {
    expect(answersEqual("3, 1, 2", "1,2,3")).toBe(true)
    expect(answersEqual("(1,2)", "(2,1)")).toBe(false)
    expect(answersEqual("1, 2", "(1,2)")).toBe(true)
  })
  it("keeps open and closed interval ends apart", () => {
    expect(answersEqual("[0, 1)", "[0,1)")).toBe(true)
    expect(answersEqual("[0, 1]", "[0,1)")).toBe(false)
  })
  it("can turn the compute engine off", () => {
    expect(answersEqual("2(k+1)", "2k+2", { ...defaultEquivalence, symbolic: false })).toBe(false)
    expect(answersEqual("2(k+1)", "2k+2")).toBe(true)
  })
  it("does not equate different words that share letters", () => {
    expect(answersEqual("seat", "east")).toBe(false)
  })
})

describe("choices", () => {
  const choices = ["Tilapia", "Common water flea", "Great diving beetle"]
  const eq = (a: string, b: string) => answersEqual(a, b)
  it("maps letters and texts to options", () => {
    expect(predictedChoice("(B)", choices, eq)).toBe(1)
    expect(predictedChoice("B. Common water flea", choices, eq)).toBe(1)
    expect(predictedChoice("Option C", choices, eq)).toBe(2)
    expect(predictedChoice("great diving beetle", choices, eq)).toBe(2)
    expect(predictedChoice("F", choices, eq)).toBeNull()
    expect(referenceChoice("Common water flea", choices, eq)).toBe(1)
    expect(referenceChoice("A", choices, eq)).toBe(0)
  })
  it("falls back to plain comparison when the reference is no option", () => {
    expect(judgeAnswer("12", "12", { choices: ["1", "2"] })).toBe(true)
  })
})

describe("relaxedMatch", () => {
  it("uses a 5% relative tolerance and exact zero", () => {
    expect(relaxedMatch("104", "100", 0.05)).toBe(true)
    expect(relaxedMatch("106", "100", 0.05)).toBe(false)
    expect(relaxedMatch("0", "0", 0.05)).toBe(true)
    expect(relaxedMatch("0.001", "0", 0.05)).toBe(false)
  })
  it("compares text case-insensitively and lists one to one", () => {
    expect(relaxedMatch("solomon islands", "Solomon Islands", 0.05)).toBe(true)
    expect(relaxedMatch("[b, a]", "[a, b]", 0.05)).toBe(true)
    expect(relaxedMatch("a, a", "[a, b]", 0.05)).toBe(false)
  })
  it("is selected by answerKind", () => {
    expect(judgeAnswer("104", "100", { answerKind: "relaxed-number" })).toBe(true)
    expect(judgeAnswer("104", "100", {})).toBe(false)
  })
})
