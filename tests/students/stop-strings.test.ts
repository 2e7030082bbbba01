// Stop strings: matched on bytes at the end of the generated sequence, earliest start wins, UTF-8 aware.
import { describe, expect, it } from "vitest"
import { stopMatcher } from "../../src/students/stop-strings.ts"
import { encode } from "../../src/students/tokenizer.ts"

describe("stopMatcher", () => {
  const m = stopMatcher(["Problem:", "\n\n", "", "→"])
  it("finds a stop string that just completed", () => {
    const text = "x = 4.\nProblem:"
    expect(m.match(encode(text))).toBe(text.indexOf("Problem:"))
    expect(m.match(encode("x = 4.\nProblem"))).toBe(-1)
  })
  it("matches multi-byte stops and ignores empty ones", () => {
    const bytes = encode("a →")
    expect(m.match(bytes)).toBe(2)
    expect(stopMatcher([""]).match(encode("anything"))).toBe(-1)
  })
  it("prefers the earliest start when several stops end together", () => {
    expect(stopMatcher(["b\n\n", "\n\n"]).match(encode("ab\n\n"))).toBe(1)
  })
})
