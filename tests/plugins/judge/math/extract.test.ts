// Tests of answer extraction: boxes with brace matching and the ordered list of extractors.
import { describe, expect, it } from "vitest"
import { allBoxed, lastBoxed } from "../../../../plugins/judge/math/boxed.ts"
import { cleanExtracted, extractAnswer } from "../../../../plugins/judge/math/extract.ts"

describe("lastBoxed", () => {
  it("matches nested braces", () => {
    expect(lastBoxed("so $\\boxed{\\frac{1}{\\sqrt{2}}}$.")).toBe("\\frac{1}{\\sqrt{2}}")
  })
  it("takes the last box", () => {
    expect(lastBoxed("\\boxed{1} and \\boxed{2}")).toBe("2")
  })
  it("reads the space form up to $", () => {
    expect(lastBoxed("answer $\\boxed 5$ ok")).toBe("5")
  })
  it("reads \\fbox and \\framebox", () => {
    expect(lastBoxed("\\fbox{7}")).toBe("7")
    expect(lastBoxed("or $\\framebox{204}$ minutes")).toBe("204")
  })
  it("keeps escaped braces inside a set", () => {
    expect(lastBoxed("\\boxed{\\{1,2\\}}")).toBe("\\{1,2\\}")
  })
  it("returns null for an unclosed box or none", () => {
    expect(lastBoxed("\\boxed{\\frac{1}{2}")).toBeNull()
    expect(lastBoxed("no box here")).toBeNull()
  })
  it("does not take \\boxedx for a box", () => {
    expect(lastBoxed("\\boxedx{3}")).toBeNull()
  })
})

describe("allBoxed", () => {
  it("lists every box in order, nested braces kept", () => {
    expect(allBoxed("\\boxed{1}, then \\boxed{\\frac{1}{2}} and \\fbox{3}")).toEqual(["1", "\\frac{1}{2}", "3"])
    expect(allBoxed("none")).toEqual([])
  })
})

describe("extractAnswer: free text and short answers", () => {
  it("reads the #### line", () => {
    expect(extractAnswer("work\n#### 1,250")).toEqual({ answer: "1,250", method: "gsm8k" })
  })
  it("reads the last math span unless a plain number follows it", () => {
    expect(extractAnswer("First $a=1$, then we get $b = 2$.")).toEqual({ answer: "b = 2", method: "math-span" })
    expect(extractAnswer("First $a=1$, then the count is 7 in total here")?.method).toBe("last-number")
  })
  it("reads one-line short answers whole", () => {
    expect(extractAnswer("Total: 18")).toEqual({ answer: "18", method: "whole" })
    expect(extractAnswer("16-3-4=9, 9*2=18")).toEqual({ answer: "18", method: "whole" })
    expect(extractAnswer("x = 1, y = 2")).toEqual({ answer: "x = 1, y = 2", method: "whole" })
  })
  it("keeps several boxes", () => {
    expect(extractAnswer("\\boxed{2} and \\boxed{3}")).toEqual({ answer: "3", method: "boxed", boxes: ["2", "3"] })
  })
  it("keeps both numbers of a hedge", () => {
    expect(extractAnswer("It is probably 3 or 4, I am not sure which one")).toEqual({ answer: "3 or 4", method: "last-number" })
  })
})

describe("extractAnswer", () => {
  it("prefers the box over a Final Answer line", () => {
    expect(extractAnswer("Final Answer: 3\n\\boxed{4}")).toEqual({ answer: "4", method: "boxed" })
  })
  it("reads a Final Answer line", () => {
    expect(extractAnswer("work\nFinal Answer: 12 apples\nthanks")).toEqual({ answer: "12 apples", method: "final-answer" })
  })
  it("reads the Minerva sentence", () => {
    expect(extractAnswer("Final Answer: The final answer is $\\frac{1}{2}$. I hope it is correct.")?.answer).toBe("\\frac{1}{2}")
  })
  it("reads the last <answer> tag", () => {
    expect(extractAnswer("<think>2+2</think>\n<answer>\n4\n</answer>")).toEqual({ answer: "4", method: "answer-tag" })
  })
  it("reads 'the answer is' up to the end of the sentence", () => {
    expect(extractAnswer("Thus the answer is 3.5. Done here, nothing else")).toEqual({ answer: "3.5", method: "answer-is" })
  })
  it("reads an 'Answer:' block on the next line", () => {
    expect(extractAnswer("Thoughts:\nsome steps 12\nAnswer:\nB")?.answer).toBe("B")
  })
  it("takes a short bare answer whole", () => {
    expect(extractAnswer("Common water flea")).toEqual({ answer: "Common water flea", method: "whole" })
    expect(extractAnswer("\\frac{1}{2}")).toEqual({ answer: "\\frac{1}{2}", method: "whole" })
  })
  it("falls back to the last number of a sentence", () => {
    expect(extractAnswer("He runs 3*60 = 180 meters.")).toEqual({ answer: "180", method: "last-number" })
    expect(extractAnswer("It costs $1,250.50 in total, the shop said")).toEqual({ answer: "$1,250.50", method: "last-number" })
  })
  it("follows the configured order", () => {
    expect(extractAnswer("\\boxed{4} and the answer is 5", { extractors: ["answer-is", "boxed"] })?.answer).toBe("5")
    expect(extractAnswer("no digits, a long sentence with many words in it", { extractors: ["boxed", "last-number"] })).toBeNull()
  })
  it("returns null when nothing is found", () => {
    expect(extractAnswer("")).toBeNull()
    expect(extractAnswer("I could not find a way to solve this problem today.")).toBeNull()
  })
  it("skips an empty box", () => {
    expect(extractAnswer("\\boxed{} so 7 is it", { extractors: ["boxed", "last-number"] })).toEqual({ answer: "7", method: "last-number" })
  })
})

describe("cleanExtracted", () => {
  it("removes math delimiters, bold and trailing punctuation", () => {
    expect(cleanExtracted(" $\\frac{1}{2}$. ")).toBe("\\frac{1}{2}")
    expect(cleanExtracted("**42**")).toBe("42")
    expect(cleanExtracted("\\(x+1\\)")).toBe("x+1")
  })
})
