import { describe, expect, it } from "vitest"
import { leakageLines } from "../../src/report/leakage.ts"

describe("the report's overlap section", () => {
  it("names each eval set with overlaps and its row ids, and is empty without overlaps", () => {
    const text = leakageLines({ gsm8k: [{ evalId: "test-7", trainIds: ["train-3"] }], math: [] })
    expect(text).toContain("gsm8k: 1 eval problem(s) also in training")
    expect(text).toContain("`test-7` (train `train-3`)")
    expect(text).not.toContain("math")
    expect(leakageLines({ math: [] })).toBe("")
    expect(leakageLines(undefined)).toBe("")
  })
})
