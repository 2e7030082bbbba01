// Tests of inequalities read as intervals.
import { describe, expect, it } from "vitest"
import { relationIntervals } from "../../../../plugins/judge/math/relations.ts"

const interval = (open: string, lo: string, hi: string, close: string) =>
  ({ kind: "seq", open, close, items: [{ kind: "scalar", text: lo }, { kind: "scalar", text: hi }] })

describe("relationIntervals", () => {
  it("reads a ray with the variable on either side", () => {
    expect(relationIntervals("x > 5")).toEqual({ variable: "x", shape: interval("(", "5", "\\infty", ")") })
    expect(relationIntervals("5 \\geq x")).toEqual({ variable: "x", shape: interval("(", "-\\infty", "5", "]") })
  })
  it("reads a double inequality in either direction", () => {
    expect(relationIntervals("-1 < t \\leq 2")?.shape).toEqual(interval("(", "-1", "2", "]"))
    expect(relationIntervals("2 \\geq t > -1")?.shape).toEqual(interval("(", "-1", "2", "]"))
  })
  it("solves a linear inequality and flips it for a negative factor", () => {
    expect(relationIntervals("2x + 1 > 7")?.shape).toEqual(interval("(", "3", "\\infty", ")"))
    expect(relationIntervals("-3x \\geq 6")?.shape).toEqual(interval("(", "-\\infty", "-2", "]"))
  })
  it("joins rays with or into a union, inside set-builder braces too", () => {
    const union = { kind: "union", parts: [interval("(", "-\\infty", "-2", "]"), interval("[", "3", "\\infty", ")")] }
    expect(relationIntervals("x \\leq -2 \\text{ or } x \\geq 3")?.shape).toEqual(union)
    expect(relationIntervals("\\{x \\mid x \\leq -2 \\text{ or } x \\geq 3\\}")?.shape).toEqual(union)
  })
  it("is null for what is not inequalities in one variable", () => {
    expect(relationIntervals("5")).toBeNull()
    expect(relationIntervals("x < y")).toBeNull()
    expect(relationIntervals("x > 1 \\text{ or } y > 2")).toBeNull()
    expect(relationIntervals("x^2 > 4")).toBeNull()
  })
})
