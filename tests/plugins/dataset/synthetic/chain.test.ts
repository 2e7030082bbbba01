// Tests for the synthetic dataset's chain task: determinism, balanced answers, digits only, disjoint splits, errors.
import { it as eit } from "@effect/vitest"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { findLeaks, normaliseText } from "../../../../src/data/leakage.ts"
import plugin from "../../../../plugins/dataset/synthetic/index.ts"
import {
  applyChainOp, chainValues, inverseOp, MAX_OPERAND, parseChain, renderChainQuestion, solveChain, type ChainProblem
} from "../../../../plugins/dataset/synthetic/chain.ts"
import { chainRows } from "../../../../plugins/dataset/synthetic/chain-rows.ts"
import { splitOf } from "../../../../plugins/dataset/synthetic/generate.ts"
import { loadWith, testHost } from "../test-host.ts"

const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
const host = testHost({ cacheDir: "/nonexistent-cache", specDir: "/nonexistent-spec" })

describe("chain arithmetic", () => {
  it("works mod 10, wrapping past 9 and below 0", () => {
    expect(applyChainOp(8, { op: "add", n: 3 })).toBe(1)
    expect(applyChainOp(1, { op: "sub", n: 3 })).toBe(8)
    expect(applyChainOp(4, { op: "add", n: 2 })).toBe(6)
    const chain: ChainProblem = { start: 7, ops: [{ op: "add", n: 3 }, { op: "sub", n: 1 }] }
    expect(chainValues(chain)).toEqual([7, 0, 9])
    expect(solveChain(chain)).toBe(9)
    expect(renderChainQuestion(chain)).toBe("Start 7, mod 10: (A) add 3, (B) sub 1.")
  })

  it("makes every operation a bijection of the digits, undone by its inverse", () => {
    for (const op of ["add", "sub"] as const) {
      for (let n = 1; n <= MAX_OPERAND; n++) {
        const images = DIGITS.map((d) => applyChainOp(d, { op, n }))
        expect(new Set(images).size).toBe(10)
        expect(images.map((d) => applyChainOp(d, inverseOp({ op, n })))).toEqual(DIGITS)
      }
    }
  })

  it("keeps chains that differ only in an operation apart after normalisation", () => {
    const a = renderChainQuestion({ start: 1, ops: [{ op: "add", n: 3 }] })
    const b = renderChainQuestion({ start: 1, ops: [{ op: "sub", n: 3 }] })
    expect(normaliseText(a)).not.toBe(normaliseText(b))
  })

  it("parses only well-formed chains", () => {
    expect(parseChain({ chain: { start: 3, ops: [{ op: "add", n: 2 }] } })).toEqual({ start: 3, ops: [{ op: "add", n: 2 }] })
    for (const bad of [
      { chain: { start: 10, ops: [{ op: "add", n: 2 }] } },
      { chain: { start: 3, ops: [] } },
      { chain: { start: 3, ops: [{ op: "add", n: MAX_OPERAND + 1 }] } },
      { chain: { start: 3, ops: [{ op: "sub", n: 0 }] } },
      { chain: { start: 3, ops: [{ op: "times", n: 3 }] } },
      { problem: { start: 3 } },
      null
    ]) expect(parseChain(bad)).toBeNull()
  })
})

describe("chainRows", () => {
  const train = chainRows({ count: 2000, steps: [2, 4], split: "train", seed: 0 })
  const test = chainRows({ count: 300, steps: [2, 4], split: "test", seed: 0 })

  it("is deterministic for a seed and differs across seeds", () => {
    const once = chainRows({ count: 40, steps: [2, 4], split: "train", seed: 7 })
    expect(chainRows({ count: 40, steps: [2, 4], split: "train", seed: 7 })).toEqual(once)
    expect(chainRows({ count: 40, steps: [2, 4], split: "train", seed: 8 }).map((r) => r.id)).not.toEqual(once.map((r) => r.id))
  })

  it("gives each digit as the answer of exactly a tenth of the rows", () => {
    const counts = new Map<string, number>()
    for (const r of test) counts.set(r.reference, (counts.get(r.reference) ?? 0) + 1)
    expect([...counts.keys()].sort()).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"])
    expect([...counts.values()].every((n) => n === 30)).toBe(true)
  })

  it("stores a chain whose solution is the reference, with the requested steps", () => {
    for (const r of train) {
      const chain = parseChain(r.meta)
      expect(chain).not.toBeNull()
      expect(String(solveChain(chain!))).toBe(r.reference)
      expect(r.question).toBe(renderChainQuestion(chain!))
      expect(r.meta?.["steps"]).toBe(chain!.ops.length)
      expect(chain!.ops.length >= 2 && chain!.ops.length <= 4).toBe(true)
    }
    expect(new Set(train.map((r) => r.meta?.["steps"]))).toEqual(new Set([2, 3, 4]))
  })

  it("keeps every row in its split, with unique ids, and never overlaps train and test across seeds", () => {
    expect(train.every((r) => splitOf(r.question) === "train")).toBe(true)
    expect(test.every((r) => splitOf(r.question) === "test")).toBe(true)
    expect(new Set(train.map((r) => r.id)).size).toBe(train.length)
    const otherTest = chainRows({ count: 300, steps: [6, 6], split: "test", seed: 99 })
    expect(findLeaks(train, { test, otherTest })).toEqual({ test: [], otherTest: [] })
  })

  it("returns fewer rows when the chains of a step range run out", () => {
    expect(chainRows({ count: 500, steps: [1, 1], split: "train", seed: 0 }).length).toBeLessThan(500)
  })
})

describe("synthetic plugin, task chain", () => {
  eit.effect("loads chains and names the task in its source", () =>
    Effect.gen(function*() {
      const { rows, info } = yield* loadWith(plugin, { task: "chain", count: 20, steps: [6, 6], split: "test", seed: 3 }, host)
      expect(rows).toHaveLength(20)
      expect(rows.every((r) => parseChain(r.meta)?.ops.length === 6)).toBe(true)
      expect(info).toEqual({ source: "synthetic:chain:test:seed=3:steps=6-6", rows: 20 })
    }))

  eit.effect("fails with a clear DatasetError when the chains run out", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(loadWith(plugin, { task: "chain", count: 500, steps: [1, 1] }, host))
      expect(error._tag).toBe("DatasetError")
      expect(error.message).toMatch(/only \d+ distinct train chain problems found for steps \[1, 1\]; lower count or raise steps/u)
    }))

  eit.effect("refuses word problems of more than 5 steps, which only chains allow", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(loadWith(plugin, { count: 5, steps: [2, 6] }, host))
      expect(error.message).toMatch(/word problems have at most 5 steps/u)
    }))

  it("rejects an unknown task", () => {
    expect(() => Effect.runSync(loadWith(plugin, { task: "chains", count: 5 }, host))).toThrow(/allowedValues|must be equal to one of/u)
  })
})
