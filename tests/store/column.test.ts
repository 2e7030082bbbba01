// Columns: typed arrays that grow to any slot, read 0 where unset and keep what was set.
import { describe, expect, it } from "vitest"
import { column } from "../../src/store/column.ts"

describe("column", () => {
  it("grows past its first capacity and keeps earlier values", () => {
    const c = column("f64")
    c.set(3, 0.5)
    c.set(100_000, 1e15 + 0.25)
    expect(c.get(3)).toBe(0.5)
    expect(c.get(100_000)).toBe(1e15 + 0.25)
    expect(c.get(4)).toBe(0)
    expect(c.get(10_000_000)).toBe(0)
  })

  it("stores each kind's range", () => {
    const u8 = column("u8")
    const u32 = column("u32")
    u8.set(0, 255)
    u32.set(0, 2 ** 32 - 1)
    expect(u8.get(0)).toBe(255)
    expect(u32.get(0)).toBe(2 ** 32 - 1)
  })
})
