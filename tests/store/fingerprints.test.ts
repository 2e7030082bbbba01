// FingerprintTable: keys numbered by slot and found by fingerprint, with `accept` choosing among slots of one fingerprint.
import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import { fingerprintTable } from "../../src/store/fingerprints.ts"

const hex = (i: number) => createHash("sha256").update(String(i)).digest("hex")

describe("fingerprint table", () => {
  it("numbers added keys densely and finds each again, across growth", () => {
    const t = fingerprintTable()
    expect(t.find("a")).toBe(-1)
    const keys: string[] = [""]
    for (let i = 0; i < 20_000; i++) keys.push(hex(i), `syn-train-${i.toString(16)}#${i % 3}`, `问题-${i}#0`)
    for (const [i, key] of keys.entries()) expect(t.add(key)).toBe(i)
    expect(t.size()).toBe(keys.length)
    expect(keys.filter((key, i) => t.find(key) !== i)).toEqual([])
    const absent = [hex(-1), "syn-train-0#3", "a", hex(0).slice(1), hex(0).toUpperCase()]
    expect(absent.map((key) => t.find(key))).toEqual(absent.map(() => -1))
  })

  it("keeps every slot of a key added twice; accept picks among them in the order added", () => {
    const t = fingerprintTable()
    for (let i = 0; i < 100; i++) t.add(`k${i}`)
    expect(t.add("k7")).toBe(100)
    expect(t.find("k7")).toBe(7)
    const asked: number[] = []
    expect(t.find("k7", (slot) => (asked.push(slot), slot !== 7))).toBe(100)
    expect(asked).toEqual([7, 100])
    expect(t.find("k7", () => false)).toBe(-1)
    expect(t.find("k8", (slot) => slot === 8)).toBe(8)
  })
})
