// KV cache buffers: names, appending new keys/values slot by slot, growing, dropping rows and left padding.
import { describe, expect, it } from "vitest"
import { appendToCache, cacheFeeds, cacheNames, emptyCache, reshapeCache, sharedLeftPadding } from "../../src/students/kv-cache.ts"

/** Value of (row, head, position, dim) in a test tensor. */
const at = (b: number, h: number, p: number, d: number) => b * 1000 + h * 100 + p * 10 + d
const block = (batch: number, heads: number, positions: ReadonlyArray<number>, headDim: number) => {
  const out: number[] = []
  for (let b = 0; b < batch; b++) for (let h = 0; h < heads; h++) for (const p of positions) for (let d = 0; d < headDim; d++) out.push(at(b, h, p, d))
  return Float32Array.from(out)
}
/** The filled slots of buffer 0 as [row][head][slot][dim] values. */
const filledSlots = (c: ReturnType<typeof emptyCache>, buffer = 0) => {
  const out: number[] = []
  for (let b = 0; b < c.batch; b++) for (let h = 0; h < c.heads; h++) for (let p = 0; p < c.filled; p++) for (let d = 0; d < c.headDim; d++) {
    out.push(c.buffers[buffer]![((b * c.heads + h) * c.capacity + p) * c.headDim + d]!)
  }
  return out
}

describe("kv cache", () => {
  it("names inputs and outputs key/value per layer", () => {
    expect(cacheNames("past", 2)).toEqual(["past_key_0", "past_value_0", "past_key_1", "past_value_1"])
    expect(cacheNames("new", 1)).toEqual(["new_key_0", "new_value_0"])
  })

  it("appends a prefill and then single tokens, growing with headroom", () => {
    let c = emptyCache(1, 2, 2, 2)
    c = appendToCache(c, [block(2, 2, [0, 1, 2], 2), block(2, 2, [0, 1, 2], 2)], 3)
    expect([c.filled, c.capacity]).toEqual([3, 67])
    c = appendToCache(c, [block(2, 2, [3], 2), block(2, 2, [3], 2)], 1)
    expect(c.filled).toBe(4)
    expect(filledSlots(c)).toEqual(Array.from(block(2, 2, [0, 1, 2, 3], 2)))
    expect(cacheFeeds(c)["past_value_0"]!.dims).toEqual([2, 2, 67, 2])
  })

  it("keeps chosen rows in order and drops leading slots", () => {
    let c = emptyCache(1, 3, 2, 2)
    c = appendToCache(c, [block(3, 2, [0, 1, 2], 2), block(3, 2, [0, 1, 2], 2)], 3)
    const r = reshapeCache(c, [2, 0], 1, 5)
    expect([r.batch, r.filled, r.capacity]).toEqual([2, 2, 5])
    const expected: number[] = []
    for (const b of [2, 0]) for (let h = 0; h < 2; h++) for (const p of [1, 2]) for (let d = 0; d < 2; d++) expected.push(at(b, h, p, d))
    expect(filledSlots(r, 1)).toEqual(expected)
  })

  it("counts leading positions masked in every row", () => {
    expect(sharedLeftPadding([[0, 0, 1, 1], [0, 1, 1, 1]])).toBe(1)
    expect(sharedLeftPadding([[1, 1], [0, 1]])).toBe(0)
    expect(sharedLeftPadding([])).toBe(0)
  })
})
