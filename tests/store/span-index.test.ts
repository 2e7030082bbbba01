// SpanIndex: spans by key fingerprint; a span counts only once the caller's confirmation (a read of the line) takes it.
import { describe, expect, it } from "vitest"
import { spanIndex, type Span } from "../../src/store/span-index.ts"

describe("span index", () => {
  it("finds the span added for a key when the confirmation holds, offsets past 4 GiB included", () => {
    const index = spanIndex()
    const lines = new Map<number, string>()
    for (let i = 0; i < 50_000; i++) {
      const span = { offset: i * 100_000 + 2 ** 32 * (i % 2), bytes: 90 + (i % 7) }
      index.add(`key-${i}`, span)
      lines.set(span.offset, `key-${i}`)
    }
    expect(index.size()).toBe(50_000)
    const holds = (key: string) => (span: Span) => lines.get(span.offset) === key
    const wrong = [...Array(50_000).keys()].filter((i) => index.find(`key-${i}`, holds(`key-${i}`))?.bytes !== 90 + (i % 7))
    expect(wrong).toEqual([])
    expect(index.find("key-3", holds("key-3"))).toEqual({ offset: 3 * 100_000 + 2 ** 32, bytes: 93 })
    expect(index.find("key-50000", () => true)).toBeUndefined()
  })

  it("a span the confirmation refuses is not the key's (as for two keys sharing a fingerprint)", () => {
    const index = spanIndex()
    index.add("k", { offset: 0, bytes: 10 })
    index.add("k", { offset: 11, bytes: 12 })
    expect(index.find("k", (span) => span.offset === 11)).toEqual({ offset: 11, bytes: 12 })
    expect(index.find("k", () => false)).toBeUndefined()
  })

  it("set replaces the span its confirmation takes and adds one when none does", () => {
    const index = spanIndex()
    index.set("a", { offset: 0, bytes: 5 }, () => false)
    index.set("a", { offset: 6, bytes: 7 }, (span) => span.offset === 0)
    expect(index.size()).toBe(1)
    expect(index.find("a", () => true)).toEqual({ offset: 6, bytes: 7 })
    // a refused span under the same fingerprint (another key) stays, and the key gets a slot of its own
    index.set("a", { offset: 20, bytes: 3 }, () => false)
    expect(index.size()).toBe(2)
    expect(index.find("a", (span) => span.offset === 20)).toEqual({ offset: 20, bytes: 3 })
  })
})
