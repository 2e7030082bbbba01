// Token choice: greedy argmax with banned ids, seeded sampling reproducibility, top-p truncation.
import { describe, expect, it } from "vitest"
import { mulberry32 } from "../../src/data/prng.ts"
import { pickToken, rowSeed, sampleSeed } from "../../src/students/sampling.ts"

const logits = Float32Array.from([0, 5, 1, 9, 2])

describe("pickToken", () => {
  it("is greedy at temperature 0 and skips banned ids", () => {
    expect(pickToken(logits, 0, 5, { temperature: 0 }, Math.random, [])).toBe(3)
    expect(pickToken(logits, 0, 5, { temperature: 0 }, Math.random, [3])).toBe(1)
    expect(pickToken(Float32Array.from([7, 1, 2, 0]), 2, 2, { temperature: 0 }, Math.random, [])).toBe(0) // ids are relative to the offset
  })
  it("samples reproducibly under a seed", () => {
    const draw = (seed: number) => {
      const r = mulberry32(seed)
      return Array.from({ length: 50 }, () => pickToken(logits, 0, 5, { temperature: 3 }, r, []))
    }
    expect(draw(11)).toEqual(draw(11))
    expect(draw(11)).not.toEqual(draw(12))
    expect(new Set(draw(11)).size).toBeGreaterThan(1)
  })
  it("keeps only the nucleus under top-p", () => {
    const r = mulberry32(5)
    const picks = Array.from({ length: 200 }, () => pickToken(logits, 0, 5, { temperature: 1, topP: 0.9 }, r, []))
    expect(new Set(picks)).toEqual(new Set([3]))
  })
  it("derives per-sample seeds from the seed and the identity only", () => {
    expect(sampleSeed(1, "p3#0")).toBe(sampleSeed(1, "p3#0"))
    expect(sampleSeed(1, "p3#0")).not.toBe(sampleSeed(1, "p3#1"))
    expect(sampleSeed(1, "p3#0")).not.toBe(sampleSeed(2, "p3#0"))
    expect(Number.isInteger(sampleSeed(1, "x")) && sampleSeed(1, "x") >= 0 && sampleSeed(1, "x") < 2 ** 32).toBe(true)
  })
  it("derives distinct per-row seeds", () => {
    expect(rowSeed(1, 0)).not.toBe(rowSeed(1, 1))
    expect(rowSeed(1, 0)).not.toBe(rowSeed(2, 0))
  })
})
