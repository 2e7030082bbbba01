// KeySlots: an exact key -> slot table; it answers as a Set of the same strings would, across growth and mixed encodings.
import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import { keySlots } from "../../src/store/key-slots.ts"

const hex = (i: number) => createHash("sha256").update(String(i)).digest("hex")

describe("key slots", () => {
  it("numbers keys densely in first-added order and finds each again", () => {
    const k = keySlots()
    expect(k.find("a")).toBe(-1)
    expect(k.add("a")).toBe(0)
    expect(k.add("b")).toBe(1)
    expect(k.add("a")).toBe(0)
    expect(k.size()).toBe(2)
    expect(k.find("b")).toBe(1)
    expect(k.keyAt(1)).toBe("b")
    expect(() => k.keyAt(2)).toThrow(RangeError)
  })

  it("answers like a Set over 50,000 mixed keys (hex, odd hex, upper case, unicode, empty)", () => {
    const k = keySlots()
    const set = new Set<string>()
    const keys: string[] = [""]
    for (let i = 0; i < 10_000; i++) {
      keys.push(hex(i), hex(i).slice(1), hex(i).toUpperCase(), `syn-train-${i.toString(16)}#${i % 3}`, `问题-${i}#0`)
    }
    for (const [i, key] of keys.entries()) {
      if (i % 2 === 0) continue
      expect(k.add(key)).toBe(set.size)
      set.add(key)
    }
    expect(k.size()).toBe(set.size)
    expect(keys.filter((key) => (k.find(key) >= 0) !== set.has(key))).toEqual([])
    const inOrder = [...set]
    expect(inOrder.filter((key, s) => k.keyAt(s) !== key || k.find(key) !== s)).toEqual([])
  })

  it("keeps a packed hex key apart from a text key of the same bytes", () => {
    const k = keySlots()
    k.add("61")
    expect(k.find("a")).toBe(-1)
    expect(k.add("a")).toBe(1)
    expect([k.keyAt(0), k.keyAt(1)]).toEqual(["61", "a"])
  })
})
