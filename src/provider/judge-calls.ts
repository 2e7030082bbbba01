// The paid judge calls of one node: policed teachers for its LLM judge, a call log, and verdicts that never hide a failed call.
import * as fs from "node:fs"
import * as path from "node:path"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import type { JudgeError, JudgeInput, JudgeService, PluginRef, TeacherRef, TeacherService, Verdict } from "../plugins/index.ts"
import { openSampleLog, readSampleLog, type SampleLog } from "../store/sample-log.ts"
import type { Budget } from "./budget.ts"
import { type CallRecord, type CallStop, policedTeacher } from "./policed-teacher.ts"
import type { RateLimits } from "./rate-limits.ts"
import { policyFromSpec } from "./spec-policy.ts"
import { pullWorkers } from "../run/pull-workers.ts"

/** The call log of a node whose judge calls a model: one CallRecord per call, resumable. */
export const JUDGE_CALLS = "judge-calls.jsonl"

/** A verdict, with `error` set when the judge's model call failed for good (the verdict is then "unparseable"). */
export type GradedVerdict = Verdict & { readonly error?: string }

/** Why a node must stop judging: a quota or budget stop pauses it; a bad reference fails it. */
export class JudgeHalt extends Data.TaggedError("JudgeHalt")<{
  readonly reason: "paused" | "failed"
  readonly message: string
  /** The input that halted, in a `judgeAll` batch. */
  readonly index?: number
}> {}

/** Paid judge calls of a node, as its manifest summary records them. */
export interface JudgeCallSummary {
  /** Calls sent to the provider (answered or dead-lettered), retries not counted. */
  readonly calls: number
  /** HTTP requests sent, retries included. */
  readonly requests: number
  /** Calls served from the raw tier. */
  readonly fromCache: number
  /** Calls dead-lettered after their attempts (their samples are "unparseable" with an error). */
  readonly dead: number
  readonly costUsd: number
  readonly inputTokens: number
  readonly outputTokens: number
}

/** Sums a call log. */
export const summarizeCalls = (records: ReadonlyArray<CallRecord>): JudgeCallSummary => {
  const made = records.filter((r) => r.status !== "cached")
  const paid = records.filter((r) => r.status === "ok")
  return {
    calls: made.length,
    requests: made.reduce((a, r) => a + r.attempts, 0),
    fromCache: records.length - made.length,
    dead: records.filter((r) => r.status === "dead").length,
    costUsd: paid.reduce((a, r) => a + (r.costUsd ?? 0), 0),
    inputTokens: paid.reduce((a, r) => a + (r.usage?.inputTokens ?? 0), 0),
    outputTokens: paid.reduce((a, r) => a + (r.usage?.outputTokens ?? 0), 0)
  }
}

/** USD already spent by the judge calls logged in a node directory (for a budget carried across runs). */
export const spentInNode = (dir: string): number =>
  summarizeCalls(readSampleLog<CallRecord>(path.join(dir, JUDGE_CALLS))).costUsd

/** The part of a run environment the judge calls use: the store, and the hook through which plugins get teachers. */
export interface JudgeRun {
  readonly storeRoot: string
  readonly wrapTeacher?: (t: TeacherService, ref: PluginRef) => TeacherService
}

/** The judge-call side of a node while it runs. */
export interface JudgeCalls<E extends JudgeRun> {
  /** The run environment to build the node's judge with: every teacher it asks the host for is policed and logged. */
  readonly run: E
  /** Judges one input; a dead-lettered model call gives "unparseable" with `error`, a stop or a bad reference a JudgeHalt. */
  readonly judge: (judge: JudgeService, input: JudgeInput) => Effect.Effect<GradedVerdict, JudgeHalt>
  /**
   * Judges `inputs` with up to `concurrency` at once, pulling each input only when a slot is free (a generator is
   * read once and never held whole); `onVerdict` sees each verdict with its input's index as it comes (to
   * checkpoint it). After a halt no new input is pulled, calls in flight finish and are kept, and the first halt is
   * returned.
   */
  readonly judgeAll: (
    judge: JudgeService,
    inputs: Iterable<JudgeInput>,
    options: { readonly concurrency: number; readonly onVerdict?: (index: number, verdict: GradedVerdict) => void }
  ) => Effect.Effect<{ readonly halt?: JudgeHalt }>
  /** The calls logged so far, this run and earlier ones. */
  readonly summary: () => JudgeCallSummary
  /** The log file when any call was logged (for the node's outputs). */
  readonly outputs: () => ReadonlyArray<string>
  readonly close: () => void
}

/**
 * Opens the judge-call log of the node in `dir`. Calls go through the run's rate limits and budget
 * (`services`), the raw tier under `run.storeRoot`, and each teacher's `limits:`/`price:`.
 */
export const openJudgeCalls = <E extends JudgeRun>(
  dir: string,
  run: E
): Effect.Effect<JudgeCalls<E>, never, RateLimits | Budget> =>
  Effect.gen(function*() {
    const services = yield* Effect.context<RateLimits | Budget>()
    const file = path.join(dir, JUDGE_CALLS)
    let log: SampleLog<CallRecord> | undefined
    let stopped: CallStop | undefined
    const record = (call: CallRecord) => {
      log ??= openSampleLog<CallRecord>(file)
      log.append(call)
    }
    // the host hands over the reference the plugin asked for: a TeacherRef (PluginHost.teacher)
    const wrapTeacher = (teacher: TeacherService, ref: PluginRef) =>
      policedTeacher(teacher, {
        storeRoot: run.storeRoot, policy: policyFromSpec((ref as TeacherRef).limits, (ref as TeacherRef).price), services, record,
        stop: (s) => { stopped ??= s }
      })
    const judge = (service: JudgeService, input: JudgeInput): Effect.Effect<GradedVerdict, JudgeHalt> =>
      Effect.suspend((): Effect.Effect<Verdict, JudgeError | JudgeHalt> => stopped === undefined ? service.judge(input) : Effect.fail(stopHalt(stopped))).pipe(
        Effect.catchTag("JudgeError", (e): Effect.Effect<GradedVerdict, JudgeHalt> => {
          if (stopped !== undefined) return Effect.fail(stopHalt(stopped))
          if (e.reason === "bad-reference") return Effect.fail(new JudgeHalt({ reason: "failed", message: e.message }))
          return Effect.succeed({ verdict: "unparseable", extracted: null, by: "llm", llm: "unparseable", error: e.message })
        })
      )
    const judgeAll: JudgeCalls<E>["judgeAll"] = (service, inputs, options) =>
      Effect.suspend(() => {
        let halt: JudgeHalt | undefined
        return pullWorkers(inputs[Symbol.iterator](), options.concurrency, (input, i) => judge(service, input).pipe(
          Effect.match({
            onFailure: (e) => { halt ??= new JudgeHalt({ reason: e.reason, message: e.message, index: i }) },
            onSuccess: (v) => options.onVerdict?.(i, v)
          })), () => halt !== undefined).pipe(Effect.map(() => (halt === undefined ? {} : { halt })))
      })
    return {
      run: { ...run, wrapTeacher },
      judge,
      judgeAll,
      summary: () => {
        log?.flush()
        return summarizeCalls(readSampleLog<CallRecord>(file))
      },
      outputs: () => (log !== undefined || fs.existsSync(file) ? [JUDGE_CALLS] : []),
      close: () => {
        log?.close()
        log = undefined
      }
    }
  })

const stopHalt = (s: CallStop): JudgeHalt =>
  new JudgeHalt({ reason: "paused", message: s.reason === "quota"
    ? `${s.message}; the node is paused: add credit or raise the quota, then run again`
    : `${s.message}; raise budget.usd to continue` })
