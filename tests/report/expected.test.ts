// Tests for expected-cell checks: pass within tolerance, fail outside, missing and ambiguous cells.
import { describe, expect, it } from "vitest"
import { buildCells } from "../../src/report/cells.ts"
import { checkExpected } from "../../src/report/expected.ts"
import { cellRecords } from "./fixtures.ts"

describe("checkExpected", () => {
  const evals = [
    ...cellRecords({ family: "qwen", size: "3B", params: 3e9 }, "long", "math", 100, 40),
    ...cellRecords({ family: "llama", size: "3B", params: 3e9 }, "long", "math", 100, 33),
    ...cellRecords({ family: "qwen", size: "1B", params: 1e9 }, null, "math", 100, 10)
  ]
  const table = buildCells(evals, { resamples: 200, seed: 0 })

  it("marks each cell pass, fail, missing or ambiguous", () => {
    const checks = checkExpected(table, [
      { size: "3B", family: "qwen", mix: "long", evalSet: "math", value: 40.3, tolerance: 0.5 },
      { size: "3B", family: "llama", mix: "long", evalSet: "math", value: 30, tolerance: 2.9 },
      { size: "1B", mix: "base", evalSet: "math", value: 10, tolerance: 0 },
      { size: "3B", mix: "long", evalSet: "math", value: 40, tolerance: 1 },
      { size: "7B", mix: "long", evalSet: "math", value: 40, tolerance: 1 }
    ])
    expect(checks.map((c) => [c.status, c.measured])).toEqual([["pass", 40], ["fail", 33], ["pass", 10], ["ambiguous", null], ["missing", null]])
    expect(checks[0]?.n).toBe(100)
  })

  it("checks a gap cell (a negative P_Long - P_Short) against the gap row of that name, size and eval set", () => {
    const rows = [{ name: "long - short", size: "3B", family: "qwen", evalSet: "Avg", estimate: -3.5, n: 500 }] as unknown as Parameters<typeof checkExpected>[2]
    const [pass, fail, missing] = checkExpected(table, [
      { size: "3B", gap: "long - short", evalSet: "Avg", value: -3.1, tolerance: 1 },
      { size: "3B", gap: "long - short", evalSet: "Avg", value: 1.7, tolerance: 2 },
      { size: "7B", gap: "long - short", evalSet: "Avg", value: 1.7, tolerance: 2 }
    ], rows)
    expect(pass).toMatchObject({ status: "pass", measured: -3.5, n: 500 })
    expect(fail).toMatchObject({ status: "fail" })
    expect(missing).toMatchObject({ status: "missing" })
  })
})
