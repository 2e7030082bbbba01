// The grading core of `distill judge`: one JSON verdict line per JSON input line, in input order.
import * as Cause from "effect/Cause"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { JudgeService, Verdict } from "../plugins/index.ts"
import { isMalformed, parseInputLine } from "./input-line.ts"

/** Why a line got no verdict: not a judge input, an unusable reference, a failed judge model, or a judge defect. */
export type LineErrorReason = "malformed-line" | "bad-reference" | "llm-failed" | "internal"

/**
 * One output line. A graded line: `{"verdict","extracted"}` plus `by`, `rules`, `llm`, `detail`
 * when the judge gives them. A line without a verdict: `{"verdict":null,"extracted":null,"error":{"reason","message"}}`.
 */
export type GradedLine =
  | Verdict
  | { readonly verdict: null; readonly extracted: null; readonly error: { readonly reason: LineErrorReason; readonly message: string } }

/** The input could not be read (the source stream failed). */
export class GradeInputError extends Data.TaggedError("GradeInputError")<{
  readonly reason: "read-failed"
  readonly message: string
}> {}

/** Options of `gradeLines`. */
export interface GradeOptions {
  /** Lines judged at once (useful for model judges); output order is always input order. Default 1. */
  readonly concurrency?: number
}

const errorLine = (reason: LineErrorReason, message: string): GradedLine =>
  ({ verdict: null, extracted: null, error: { reason, message } })

const fromVerdict = (v: Verdict): GradedLine => ({
  verdict: v.verdict,
  extracted: v.extracted,
  ...(v.by === undefined ? {} : { by: v.by }),
  ...(v.rules === undefined ? {} : { rules: v.rules }),
  ...(v.llm === undefined ? {} : { llm: v.llm }),
  ...(v.detail === undefined ? {} : { detail: v.detail })
})

/** Grades one input line; never fails: every problem becomes an error line. */
export const gradeLine = (line: string, judge: JudgeService): Effect.Effect<GradedLine> => {
  const input = parseInputLine(line)
  if (isMalformed(input)) return Effect.succeed(errorLine("malformed-line", input.malformed))
  return Effect.suspend(() => judge.judge(input)).pipe(
    Effect.map(fromVerdict),
    Effect.catchTag("JudgeError", (e) => Effect.succeed(errorLine(e.reason, e.message))),
    Effect.catchCause((cause) => Effect.succeed(errorLine("internal", Cause.pretty(cause).split("\n")[0] ?? "judge defect")))
  )
}

const toStream = <E>(lines: Stream.Stream<string, E> | AsyncIterable<string>): Stream.Stream<string, E | GradeInputError> =>
  Stream.isStream(lines)
    ? lines
    : Stream.suspend(() =>
      Stream.fromAsyncIterable(lines, (e) => new GradeInputError({ reason: "read-failed", message: String(e) })))

/**
 * Grades a stream (or async iterable) of JSON input lines with a judge and emits one JSON output line
 * (no trailing newline) per input line, in input order. Blank lines are skipped; a malformed line or a
 * failing judge call yields an error line and the stream goes on.
 */
export const gradeLines = <E = never>(
  lines: Stream.Stream<string, E> | AsyncIterable<string>,
  judge: JudgeService,
  options: GradeOptions = {}
): Stream.Stream<string, E | GradeInputError> =>
  toStream(lines).pipe(
    Stream.filter((line) => line.trim() !== ""),
    Stream.mapEffect((line) => gradeLine(line, judge), { concurrency: Math.max(1, options.concurrency ?? 1) }),
    Stream.map((graded) => JSON.stringify(graded))
  )
