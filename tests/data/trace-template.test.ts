import { describe, expect, it } from "vitest"
import { renderTrace } from "../../src/data/trace-template.ts"

describe("trace templates", () => {
  it("free: thoughts, a blank line, then the text; the text alone without thoughts", () => {
    expect(renderTrace("free", "Final Answer: \\boxed{4}", "2+2")).toBe("2+2\n\nFinal Answer: \\boxed{4}")
    expect(renderTrace("free", "Final Answer: \\boxed{4}", undefined)).toBe("Final Answer: \\boxed{4}")
  })
  it("pali_reason's and the Toaster's formats, and a custom template", () => {
    expect(renderTrace("thoughts-answer", "4", "2+2")).toBe("Thoughts:\n2+2\nAnswer:\n4")
    expect(renderTrace("think-answer", "4", "2+2")).toBe("<think>2+2</think>\n\n<answer>4</answer>")
    expect(renderTrace("Reasoning: {thoughts} => {answer}", "4", undefined)).toBe("Reasoning:  => 4")
  })
})
