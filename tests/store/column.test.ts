// Columns: typed-array pages that grow to any slot, read 0 where unset and keep what was set.
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

  it("keeps every value set in order across the first page's growth and many pages", () => {
    for (const kind of ["u8", "u32", "f64"] as const) {
      const c = column(kind)
      const n = 300_000
      for (let i = 0; i < n; i++) c.set(i, i % 251)
      const wrong: number[] = []
      for (let i = 0; i < n; i++) if (c.get(i) !== i % 251) wrong.push(i)
      expect(wrong).toEqual([])
      expect(c.get(n)).toBe(0)
    }
  })

  it("sets slots in any order, far ones first, and reads unset ones as 0", () => {
    const c = column("u32")
    c.set(1_000_000, 7)
    c.set(70_000, 5)
    c.set(100, 3)
    c.set(65_535, 9)
    expect([c.get(1_000_000), c.get(70_000), c.get(100), c.get(65_535)]).toEqual([7, 5, 3, 9])
    expect([c.get(0), c.get(99), c.get(65_536), c.get(999_999), c.get(500_000)]).toEqual([0, 0, 0, 0, 0])
  })
})
