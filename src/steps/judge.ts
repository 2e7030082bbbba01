// judge step: a verdict per teacher completion, checkpointed per sample.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type { Row } from "../plugins/dataset.ts"
import { openJudgeCalls } from "../provider/judge-calls.ts"
import type { RateLimits } from "../provider/rate-limits.ts"
import type { Budget } from "../provider/budget.ts"
import { iterateJsonl, keyedJsonl } from "../store/jsonl.ts"
import { iterateSampleLog, openSampleLog } from "../store/sample-log.ts"
import { judgeInputFor } from "../judge/row-input.ts"
import { ROWS } from "./dataset.ts"
import { GENERATIONS, type GenerationRecord } from "./generate.ts"
import { StepFailed, type Step } from "./step.ts"
import { serviceAt, type StepEnv } from "./env.ts"

/** The judged-samples file of a judge node. */
export const JUDGED = "judged.jsonl"

/** One judged completion. */
export interface JudgedRecord {
  readonly problemId: string
  readonly sampleIndex: number
  readonly verdict: "correct" | "incorrect" | "unparseable"
  readonly extracted: string | null
  readonly rules?: string
  readonly llm?: string
  /** The judge's model call failed for good (dead-lettered): the verdict is "unparseable". */
  readonly error?: string
}

/**
 * Judges every successful generation; dead-lettered samples are skipped and counted; judge model calls are policed
 * and logged. Generations are streamed and dataset rows read by offset, so memory does not grow with the samples.
 */
export const judgeStep = (env: StepEnv): Step<"judge", RateLimits | Budget> => (ctx) =>
  Effect.gen(function*() {
    const gensFile = path.join(ctx.upstream.generate.dir, GENERATIONS)
    const file = path.join(ctx.dir, JUDGED)
    const done = new Set<string>()
    for (const r of iterateSampleLog<JudgedRecord>(file)) done.add(`${r.problemId}#${r.sampleIndex}`)
    let total = 0
    for (const g of iterateJsonl<GenerationRecord>(gensFile)) if (g.status === "ok") total += 1
    const calls = yield* openJudgeCalls(ctx.dir, env.run)
    const judge = yield* serviceAt({ ...env, run: calls.run }, "judge", ctx.node.params.pointer, ctx.node.id)
    const rows = yield* Effect.acquireRelease(Effect.sync(() => keyedJsonl<Row>(path.join(ctx.upstream.dataset.dir, ROWS), (r) => r.id)),
      (r) => Effect.sync(() => r.close()))
    const log = openSampleLog<JudgedRecord>(file)
    ctx.progress.total(total)
    ctx.progress.advance(done.size)
    // the generations being judged, by input index (at most `concurrency` of them, and the one a halt names)
    const inFlight = new Map<number, GenerationRecord>()
    const inputs = (function*() {
      let i = 0
      for (const g of iterateJsonl<GenerationRecord>(gensFile)) {
        if (g.status !== "ok" || done.has(`${g.problemId}#${g.sampleIndex}`)) continue
        const row = rows.get(g.problemId)
        if (row === undefined) throw new Error(`generation for unknown dataset row ${g.problemId}`)
        inFlight.set(i++, g)
        yield judgeInputFor(g.text, row)
      }
    })()
    const { halt } = yield* calls.judgeAll(judge, inputs, {
      concurrency: judge.usesModel ? 8 : 1,
      onVerdict: (i, v) => {
        const g = inFlight.get(i)!
        inFlight.delete(i)
        log.append({ problemId: g.problemId, sampleIndex: g.sampleIndex, verdict: v.verdict, extracted: v.extracted,
          ...(v.rules === undefined ? {} : { rules: v.rules }), ...(v.llm === undefined ? {} : { llm: v.llm }), ...(v.error === undefined ? {} : { error: v.error }) })
        ctx.progress.advance()
      }
    }).pipe(Effect.ensuring(Effect.sync(() => { log.close(); calls.close() })))
    if (halt !== undefined) {
      const g = halt.index === undefined ? undefined : inFlight.get(halt.index)
      const where = halt.reason === "failed" && g !== undefined ? `${g.problemId}: ` : ""
      return yield* new StepFailed({ node: ctx.node.id, reason: halt.reason, message: `${where}${halt.message}` })
    }
    const counts = { judged: 0, correct: 0, incorrect: 0, unparseable: 0, disagreements: 0, judgeFailed: 0 }
    for (const r of iterateSampleLog<JudgedRecord>(file)) {
      counts.judged += 1
      counts[r.verdict] += 1
      if (r.rules !== undefined && r.llm !== undefined && r.rules !== r.llm) counts.disagreements += 1
      if (r.error !== undefined) counts.judgeFailed += 1
    }
    const judgeCalls = calls.summary()
    return {
      summary: { ...counts, judgeCalls, costUsd: judgeCalls.costUsd },
      outputs: [JUDGED, ...calls.outputs()]
    }
  }).pipe(Effect.scoped)
