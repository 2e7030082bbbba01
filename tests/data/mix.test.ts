// Tests for mix building: exact per-problem quotas, union renormalisation, concat sizing, token shares, errors.
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import type { JudgedTrace } from "../../src/data/filter.ts"
import { buildMix, buildMixes, type MixSpec } from "../../src/data/mix.ts"

const tr = (teacher: string, problemId: string, outputTokens: number, sampleIndex = 0): JudgedTrace =>
  ({ teacher, problemId, sampleIndex, verdict: "correct", text: `${teacher}:${problemId}:${sampleIndex}`, outputTokens })

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `p${String(i + from).padStart(3, "0")}`)
/** 100 problems with long (400 tokens) and short (100 tokens) traces; 20 more with only a long trace. */
const kept: Array<JudgedTrace> = [
  ...ids(100).map((p) => tr("long", p, 400)),
  ...ids(100).map((p) => tr("long", p, 420, 1)),
  ...ids(20, 100).map((p) => tr("long", p, 400)),
  ...ids(100).map((p) => tr("short", p, 100))
]

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(`unexpected failure: ${String(r.failure)}`)
  return r.success
}
const mix = (spec: Omit<MixSpec, "name">, seed = 7) => ok(buildMix(kept, { name: "m", ...spec }, seed))
const share = (m: ReturnType<typeof mix>, teacher: string) => m.stats.sources.find((s) => s.teacher === teacher)

describe("buildMix per-problem", () => {
  it("gives exactly 20%/80% over the intersection, each problem once, first sample per teacher", () => {
    const m = mix({ weights: { long: 1, short: 4 } })
    expect(m.weights).toEqual({ long: 0.2, short: 0.8 })
    expect(m.stats.count).toBe(100)
    expect(m.stats.problems).toBe(100)
    expect(share(m, "long")).toMatchObject({ count: 20, shareExamples: 0.2, meanTokens: 400 })
    expect(share(m, "short")).toMatchObject({ count: 80, shareExamples: 0.8, meanTokens: 100 })
    expect(m.stats.tokens).toBe(20 * 400 + 80 * 100)
    expect(m.stats.meanTokens).toBe(m.stats.tokens / 100)
    expect(share(m, "long")?.shareTokens).toBeCloseTo(8000 / 16000)
    expect(m.rows.every((r) => r.sampleIndex === 0)).toBe(true)
  })

  it("is deterministic from the seed and changes with it", () => {
    const a = mix({ weights: { long: 0.2, short: 0.8 } }, 1)
    const b = mix({ weights: { long: 0.2, short: 0.8 } }, 1)
    const c = mix({ weights: { long: 0.2, short: 0.8 } }, 2)
    expect(b.rows).toEqual(a.rows)
    const longOf = (m: typeof a) => m.rows.filter((r) => r.teacher === "long").map((r) => r.problemId).join()
    expect(longOf(c)).not.toEqual(longOf(a))
  })

  it("covers the union and renormalises weights over the teachers available", () => {
    const m = mix({ weights: { long: 0.2, short: 0.8 }, problems: "union" })
    expect(m.stats.problems).toBe(120)
    // the 20 long-only problems take long; the 100 shared ones split 20/80
    expect(share(m, "long")?.count).toBe(40)
    expect(share(m, "short")?.count).toBe(80)
  })

  it("matches token shares with by: tokens", () => {
    const m = mix({ weights: { long: 0.5, short: 0.5 }, by: "tokens" })
    expect(m.stats.count).toBe(100)
    expect(share(m, "long")?.shareTokens).toBeGreaterThan(0.47)
    expect(share(m, "long")?.shareTokens).toBeLessThan(0.53)
    expect(share(m, "long")?.count).toBe(20)
  })
})

describe("buildMix concat", () => {
  it("sizes the concatenation so counts follow the weights", () => {
    const m = mix({ weights: { long: 1, short: 1 }, mode: "concat" })
    // long has 220 traces, short 100: the largest 1:1 concatenation is 100 + 100
    expect(share(m, "long")?.count).toBe(100)
    expect(share(m, "short")?.count).toBe(100)
  })

  it("fills token budgets with by: tokens", () => {
    const m = mix({ weights: { long: 1, short: 3 }, mode: "concat", by: "tokens" })
    // short has 10,000 tokens = 3/4 of the total: long gets ~3,333 tokens
    expect(share(m, "short")?.tokens).toBe(10_000)
    expect(share(m, "long")?.tokens).toBeLessThanOrEqual(3334)
    expect(share(m, "long")?.tokens).toBeGreaterThan(2800)
    expect(share(m, "long")?.shareTokens).toBeCloseTo(0.25, 1)
  })
})

describe("mix errors", () => {
  const fail = (weights: Record<string, number>) => {
    const r = buildMix(kept, { name: "bad", weights }, 0)
    return Result.isFailure(r) ? r.failure.reason : null
  }
  it("rejects negative, non-finite and all-zero weights, unknown teachers and empty mixes", () => {
    expect(fail({ long: -1, short: 2 })).toBe("bad-weight")
    expect(fail({ long: Number.NaN })).toBe("bad-weight")
    expect(fail({ long: 0, short: 0 })).toBe("zero-weights")
    expect(fail({})).toBe("zero-weights")
    expect(fail({ long: 1, medium: 1 })).toBe("unknown-teacher")
    const disjoint = buildMix([tr("a", "p1", 1), tr("b", "p2", 1)], { name: "d", weights: { a: 1, b: 1 } }, 0)
    expect(Result.isFailure(disjoint) && disjoint.failure.reason).toBe("empty-mix")
  })
  it("buildMixes stops at the first failing mix", () => {
    const r = buildMixes(kept, [{ name: "ok", weights: { long: 1 } }, { name: "bad", weights: { long: -1 } }], 0)
    expect(Result.isFailure(r) && r.failure.mix).toBe("bad")
    const good = buildMixes(kept, [{ name: "long", weights: { long: 1 } }, { name: "short", weights: { short: 1 } }], 0)
    expect(Result.isSuccess(good) && good.success.map((m) => m.stats.count)).toEqual([120, 100])
  })
})
