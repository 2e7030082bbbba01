// Loop detector: periodic tails are caught, ordinary text and short repeats are not.
import { describe, expect, it } from "vitest"
import { DEFAULT_LOOP_OPTIONS, loopPeriod } from "../../src/students/loop-detector.ts"
import { encode } from "../../src/students/tokenizer.ts"

describe("loopPeriod", () => {
  it("detects a repeated 20-byte span", () => {
    const unit = "so we add 12 and 3. "
    expect(loopPeriod(encode("Start. " + unit.repeat(3)))).toBe(unit.length)
    expect(loopPeriod(encode("Start. " + unit.repeat(2)))).toBe(0)
  })
  it("detects a run of one repeated byte only past the minimum span", () => {
    expect(loopPeriod(encode("x" + "0".repeat(31)))).toBe(0)
    expect(loopPeriod(encode("x" + "0".repeat(32)))).toBe(1)
  })
  it("ignores normal reasoning with recurring phrases", () => {
    const text = "12 + 30 = 42. Then 42 + 7 = 49. Then 49 + 8 = 57. Final Answer: \\boxed{57}"
    expect(loopPeriod(encode(text))).toBe(0)
  })
  it("respects custom thresholds", () => {
    const tokens = encode("ab".repeat(6))
    expect(loopPeriod(tokens)).toBe(0)
    expect(loopPeriod(tokens, { ...DEFAULT_LOOP_OPTIONS, minNgram: 2, minSpan: 6 })).toBe(2)
  })
})
