// Tests for the synthetic dataset plugin: determinism, bounds, solvability and disjoint splits.
import { it as eit } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { findLeaks } from "../../../../src/data/leakage.ts"
import { Dataset } from "../../../../src/plugins/index.ts"
import plugin from "../../../../plugins/dataset/synthetic/index.ts"
import { splitOf } from "../../../../plugins/dataset/synthetic/generate.ts"
import { parseProblem, runningValues, solve } from "../../../../plugins/dataset/synthetic/problem.ts"
import { syntheticRows } from "../../../../plugins/dataset/synthetic/rows.ts"
import { loadWith, schemaProblems, testHost, validateConfig } from "../test-host.ts"

const host = testHost({ cacheDir: "/nonexistent-cache", specDir: "/nonexistent-spec" })

describe("syntheticRows", () => {
  const train = syntheticRows({ count: 2000, steps: [1, 5], split: "train", seed: 0 })
  const test = syntheticRows({ count: 500, steps: [1, 5], split: "test", seed: 0 })

  it("is deterministic for a seed and differs across seeds", () => {
    expect(syntheticRows({ count: 50, steps: [2, 4], split: "train", seed: 7 }))
      .toEqual(syntheticRows({ count: 50, steps: [2, 4], split: "train", seed: 7 }))
    const other = syntheticRows({ count: 50, steps: [2, 4], split: "train", seed: 8 })
    expect(other.map((r) => r.id)).not.toEqual(syntheticRows({ count: 50, steps: [2, 4], split: "train", seed: 7 }).map((r) => r.id))
  })

  it("keeps every row in its own split with unique ids", () => {
    expect(train.every((r) => splitOf(r.question) === "train")).toBe(true)
    expect(test.every((r) => splitOf(r.question) === "test")).toBe(true)
    expect(new Set(train.map((r) => r.id)).size).toBe(train.length)
  })

  it("never overlaps train and test, even across seeds", () => {
    const otherTest = syntheticRows({ count: 500, steps: [1, 5], split: "test", seed: 99 })
    const leaks = findLeaks(train, { test, otherTest })
    expect(leaks).toEqual({ test: [], otherTest: [] })
  })

  it("stores a problem in meta whose solution is the reference", () => {
    for (const r of train) {
      const problem = parseProblem(r.meta)
      expect(problem).not.toBeNull()
      expect(String(solve(problem!))).toBe(r.reference)
      expect(r.answerKind).toBe("number")
    }
  })

  it("keeps questions short and answers small non-negative integers", () => {
    for (const r of train) {
      expect(r.question.length).toBeLessThan(200)
      const n = Number(r.reference)
      expect(Number.isInteger(n) && n >= 0 && n <= 300).toBe(true)
      const steps = (r.meta?.["steps"] as number)
      expect(steps >= 1 && steps <= 5).toBe(true)
    }
  })

  it("keeps every number within max_value, and the default generation unchanged by the knob", () => {
    const rows = syntheticRows({ count: 500, steps: [1, 5], split: "train", seed: 4, maxValue: 20 })
    expect(rows).toHaveLength(500)
    for (const r of rows) {
      const problem = parseProblem(r.meta)!
      for (const v of runningValues(problem)) expect(v).toBeLessThanOrEqual(20)
      for (const n of r.question.match(/\d+/g) ?? []) expect(Number(n)).toBeLessThanOrEqual(20)
    }
    expect(syntheticRows({ count: 50, steps: [2, 4], split: "train", seed: 7, maxValue: 300 }))
      .toEqual(syntheticRows({ count: 50, steps: [2, 4], split: "train", seed: 7 }))
  })

  it("honours the step range", () => {
    const rows = syntheticRows({ count: 100, steps: [3, 3], split: "train", seed: 1 })
    expect(rows.every((r) => r.meta?.["steps"] === 3)).toBe(true)
  })
})

describe("synthetic plugin", () => {
  it("has a complete config schema", () => {
    expect(schemaProblems(plugin.configSchema)).toEqual([])
  })

  eit.effect("loads with defaults applied by the schema", () =>
    Effect.gen(function*() {
      const { rows, info } = yield* loadWith(plugin, { count: 20 }, host)
      expect(rows).toHaveLength(20)
      expect(info).toEqual({ source: "synthetic:train:seed=0:steps=2-4:max=300", rows: 20 })
    }))

  it("its schema refuses min steps > max steps", () => {
    expect(() => validateConfig(plugin.configSchema, { count: 5, steps: [4, 2] })).toThrow(/orderedItems/u)
  })

  eit.effect("fails with a DatasetError when min steps > max steps reach it unvalidated", () =>
    Effect.gen(function*() {
      const config = { ...validateConfig<Record<string, unknown>>(plugin.configSchema, { count: 5 }), steps: [4, 2] }
      const load = Effect.gen(function*() {
        return yield* (yield* Dataset).load
      }).pipe(Effect.provide(plugin.layer(config as never).pipe(Layer.provide(host))))
      const exit = yield* Effect.exit(load)
      expect(Exit.isFailure(exit)).toBe(true)
      expect((yield* Effect.flip(load))._tag).toBe("DatasetError")
    }))

  it("rejects unknown config keys", () => {
    expect(() => Effect.runSync(loadWith(plugin, { count: 5, bogus: 1 }, host))).toThrow(/additional/u)
  })
})
