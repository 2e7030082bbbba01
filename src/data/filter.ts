// Rejection sampling: keep judged-correct teacher traces under a per-problem policy, with counts per teacher.
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import type { VerdictLabel } from "../plugins/judge.ts"
import { compareStrings } from "./prng.ts"

/** One teacher completion after judging. */
export interface JudgedTrace {
  readonly problemId: string
  readonly teacher: string
  readonly sampleIndex: number
  readonly text: string
  readonly thoughts?: string
  readonly verdict: VerdictLabel
  readonly outputTokens: number
}

/** What the filter reads of a trace; the rest (its text) only passes through. */
export type TraceVerdict = Pick<JudgedTrace, "problemId" | "teacher" | "sampleIndex" | "verdict">

/** Which correct traces to keep: every one, the first by sample index, or at most k per problem and teacher. */
export type FilterPolicy = "all" | "first" | { readonly max_per_problem: number }

/** Counts for one teacher. `correct` counts judged-correct traces; `kept` those the policy kept. */
export interface TeacherFilterCounts {
  readonly teacher: string
  readonly total: number
  readonly correct: number
  readonly kept: number
  readonly unparseable: number
  /** Problems with at least one kept trace. */
  readonly problems: number
}

/** The kept traces, sorted by teacher, problem id and sample index, and the counts per teacher (sorted by name). */
export interface FilterResult<T extends TraceVerdict = JudgedTrace> {
  readonly kept: ReadonlyArray<T>
  readonly counts: ReadonlyArray<TeacherFilterCounts>
}

/** Invalid filter input: a bad policy or the same (teacher, problem, sample) twice. */
export class FilterError extends Data.TaggedError("FilterError")<{
  readonly reason: "bad-policy" | "duplicate-trace"
  readonly message: string
}> {}

const traceOrder = (a: TraceVerdict, b: TraceVerdict): number =>
  compareStrings(a.teacher, b.teacher) || compareStrings(a.problemId, b.problemId) || a.sampleIndex - b.sampleIndex

const limitOf = (policy: FilterPolicy): number | null => {
  if (policy === "all") return Infinity
  if (policy === "first") return 1
  const k = policy.max_per_problem
  return Number.isInteger(k) && k >= 1 ? k : null
}

/**
 * Keeps judged-correct traces. The result does not depend on the input order.
 * `first` keeps the correct trace with the lowest sample index per (teacher, problem).
 */
export const filterTraces = <T extends TraceVerdict>(
  traces: ReadonlyArray<T>,
  policy: FilterPolicy = "all"
): Result.Result<FilterResult<T>, FilterError> => {
  const limit = limitOf(policy)
  if (limit === null) {
    return Result.fail(new FilterError({ reason: "bad-policy", message: `max_per_problem must be an integer >= 1, got ${JSON.stringify(policy)}` }))
  }
  const sorted = traces.slice().sort(traceOrder)
  const kept: Array<T> = []
  const counts = new Map<string, { total: number; correct: number; kept: number; unparseable: number; problems: Set<string> }>()
  let perProblem = 0
  let previous: T | undefined
  for (const t of sorted) {
    if (previous && traceOrder(previous, t) === 0) {
      return Result.fail(new FilterError({
        reason: "duplicate-trace",
        message: `teacher "${t.teacher}", problem "${t.problemId}", sample ${t.sampleIndex} appears twice`
      }))
    }
    if (!previous || previous.teacher !== t.teacher || previous.problemId !== t.problemId) perProblem = 0
    previous = t
    let c = counts.get(t.teacher)
    if (!c) {
      c = { total: 0, correct: 0, kept: 0, unparseable: 0, problems: new Set() }
      counts.set(t.teacher, c)
    }
    c.total++
    if (t.verdict === "unparseable") c.unparseable++
    if (t.verdict !== "correct") continue
    c.correct++
    if (perProblem < limit) {
      perProblem++
      c.kept++
      c.problems.add(t.problemId)
      kept.push(t)
    }
  }
  return Result.succeed({
    kept,
    counts: [...counts.entries()].map(([teacher, c]) => ({
      teacher, total: c.total, correct: c.correct, kept: c.kept, unparseable: c.unparseable, problems: c.problems.size
    }))
  })
}
