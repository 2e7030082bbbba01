// Tests of math span detection in free text.
import { describe, expect, it } from "vitest"
import { mathSpans } from "../../../../plugins/judge/math/math-spans.ts"

const contents = (text: string) => mathSpans(text).map((s) => s.content)

describe("mathSpans", () => {
  it("finds every delimiter kind in order", () => {
    expect(contents("a $x$ b \\(y\\) c \\[z\\] d $$w$$")).toEqual(["x", "y", "z", "w"])
  })
  it("skips prices in prose and escaped dollars", () => {
    expect(contents("It costs $5 and the other costs $10.")).toEqual([])
    expect(contents("She pays \\$5, so $x = 5$.")).toEqual(["x = 5"])
  })
  it("keeps LaTeX text and commands inside a span", () => {
    expect(contents("$12 \\text{ cm}$ and $x \\in [1, 2]$")).toEqual(["12 \\text{ cm}", "x \\in [1, 2]"])
  })
  it("records where each span ends", () => {
    expect(mathSpans("ab $x$ cd")[0]!.end).toBe(6)
  })
})
