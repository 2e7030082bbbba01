// Tests for rejection-sampling filter policies and per-teacher counts.
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { type JudgedTrace, filterTraces } from "../../src/data/filter.ts"

const tr = (teacher: string, problemId: string, sampleIndex: number, verdict: JudgedTrace["verdict"]): JudgedTrace =>
  ({ teacher, problemId, sampleIndex, verdict, text: `${teacher}/${problemId}/${sampleIndex}`, outputTokens: 10 + sampleIndex })

const traces: Array<JudgedTrace> = [
  tr("long", "p1", 2, "correct"),
  tr("long", "p1", 0, "incorrect"),
  tr("long", "p1", 1, "correct"),
  tr("long", "p1", 3, "correct"),
  tr("long", "p2", 0, "unparseable"),
  tr("short", "p1", 0, "correct"),
  tr("short", "p2", 1, "correct"),
  tr("short", "p2", 0, "unparseable")
]

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(`unexpected failure: ${String(r.failure)}`)
  return r.success
}

describe("filterTraces", () => {
  it("keeps every correct trace with policy all, sorted, with counts per teacher", () => {
    const r = ok(filterTraces(traces, "all"))
    expect(r.kept.map((t) => t.text)).toEqual(["long/p1/1", "long/p1/2", "long/p1/3", "short/p1/0", "short/p2/1"])
    expect(r.counts).toEqual([
      { teacher: "long", total: 5, correct: 3, kept: 3, unparseable: 1, problems: 1 },
      { teacher: "short", total: 3, correct: 2, kept: 2, unparseable: 1, problems: 2 }
    ])
  })

  it("keeps the first correct trace by sample index with policy first", () => {
    const r = ok(filterTraces(traces, "first"))
    expect(r.kept.map((t) => t.text)).toEqual(["long/p1/1", "short/p1/0", "short/p2/1"])
    expect(r.counts[0]).toMatchObject({ correct: 3, kept: 1 })
  })

  it("caps the kept traces per problem with max_per_problem", () => {
    const r = ok(filterTraces(traces, { max_per_problem: 2 }))
    expect(r.kept.map((t) => t.text)).toEqual(["long/p1/1", "long/p1/2", "short/p1/0", "short/p2/1"])
  })

  it("does not depend on the input order", () => {
    const a = ok(filterTraces(traces, "first"))
    const b = ok(filterTraces(traces.slice().reverse(), "first"))
    expect(b).toEqual(a)
  })

  it("rejects a bad policy and duplicate traces with tagged errors", () => {
    const bad = filterTraces(traces, { max_per_problem: 0 })
    expect(Result.isFailure(bad) && bad.failure.reason).toBe("bad-policy")
    const dup = filterTraces([...traces, tr("short", "p2", 1, "incorrect")], "all")
    expect(Result.isFailure(dup) && dup.failure.reason).toBe("duplicate-trace")
  })
})
