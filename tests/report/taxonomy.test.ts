// Tests for the failure taxonomy and the reasoning/final-answer disagreement heuristic.
import { describe, expect, it } from "vitest"
import { answerNumber, classify, finalAnswerMarker, lastNumber, reasoningDisagrees, taxonomy } from "../../src/report/taxonomy.ts"
import type { EvalRecord } from "../../src/report/types.ts"

const rec = (over: Partial<EvalRecord>): EvalRecord => ({
  student: { family: "tiny", size: "s", params: 1 }, mix: "long", method: "sft", seed: 1, evalSet: "e", sampleId: "1",
  verdict: "incorrect", extracted: "7", reference: "42", outputTokens: 10, stopReason: "eos", text: "we get 7. Final Answer: \\boxed{7}",
  ...over
})

describe("disagreement heuristic", () => {
  it("finds the final-answer marker, preferring 'Final Answer' over a later kind", () => {
    expect(finalAnswerMarker("x \\boxed{1} then Final Answer: \\boxed{2}")).toBe(17)
    expect(finalAnswerMarker("<think>a</think><answer>3</answer>")).toBe(16)
    expect(finalAnswerMarker("no marker at all")).toBeNull()
  })

  it("reads the last number, fractions included", () => {
    expect(lastNumber("we have 3 apples and 1,250.5 pears")).toBe(1250.5)
    expect(lastNumber("so it is \\frac{3}{4}")).toBe(0.75)
    expect(lastNumber("ratio 6/8")).toBe(0.75)
    expect(lastNumber("none")).toBeNull()
  })

  it("parses numeric final answers and rejects symbolic ones", () => {
    expect(answerNumber("27.0")).toBe(27)
    expect(answerNumber("\\$1,234")).toBe(1234)
    expect(answerNumber("\\dfrac{1}{2}")).toBe(0.5)
    expect(answerNumber("50\\%")).toBe(50)
    expect(answerNumber("12 \\text{ cm}")).toBe(12)
    expect(answerNumber("x^2+1")).toBeNull()
  })

  it("flags a final answer that differs from the last number of the reasoning", () => {
    expect(reasoningDisagrees("so the total is 41. Final Answer: \\boxed{40}", "40")).toBe(true)
    expect(reasoningDisagrees("so the total is 40.0. Final Answer: \\boxed{40}", "40")).toBe(false)
    expect(reasoningDisagrees("half of it: \\frac{1}{2}. Final Answer: 0.5", "0.5")).toBe(false)
    expect(reasoningDisagrees("no numbers. Final Answer: \\boxed{40}", "40")).toBe(false)
    expect(reasoningDisagrees("so 41 and then \\boxed{40}", "40")).toBe(true)
    expect(reasoningDisagrees("so 41", null)).toBe(false)
  })
})

describe("classify", () => {
  it("assigns one class per answer in priority order", () => {
    expect(classify(rec({ verdict: "correct", stopReason: "max_tokens" }))).toBe("correct")
    expect(classify(rec({ stopReason: "loop", verdict: "unparseable" }))).toBe("looping")
    expect(classify(rec({ stopReason: "max_tokens", verdict: "unparseable" }))).toBe("truncated")
    expect(classify(rec({ verdict: "unparseable", extracted: null }))).toBe("no-answer")
    expect(classify(rec({ text: "so 41. Final Answer: \\boxed{40}", extracted: "40" }))).toBe("disagree")
    expect(classify(rec({}))).toBe("wrong")
  })

  it("counts classes", () => {
    const t = taxonomy([rec({ verdict: "correct" }), rec({}), rec({}), rec({ stopReason: "loop" })])
    expect(t).toEqual({ correct: 1, looping: 1, truncated: 0, "no-answer": 0, disagree: 0, wrong: 2 })
  })
})
