// judge step: a verdict per teacher completion, checkpointed per sample.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type { Row } from "../plugins/dataset.ts"
import { openJudgeCalls } from "../provider/judge-calls.ts"
import type { RateLimits } from "../provider/rate-limits.ts"
import type { Budget } from "../provider/budget.ts"
import { readJsonl } from "../store/jsonl.ts"
import { openSampleLog, readSampleLog } from "../store/sample-log.ts"
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

/** Judges every successful generation; dead-lettered samples are skipped and counted; judge model calls are policed and logged. */
export const judgeStep = (env: StepEnv): Step<"judge", RateLimits | Budget> => (ctx) =>
  Effect.gen(function*() {
    const rows = new Map(readJsonl<Row>(path.join(ctx.upstream.dataset.dir, ROWS)).map((r) => [r.id, r]))
    const gens = readJsonl<GenerationRecord>(path.join(ctx.upstream.generate.dir, GENERATIONS)).filter((g) => g.status === "ok")
    const file = path.join(ctx.dir, JUDGED)
    const done = new Set(readSampleLog<JudgedRecord>(file).map((r) => `${r.problemId}#${r.sampleIndex}`))
    const calls = yield* openJudgeCalls(ctx.dir, env.run)
    const judge = yield* serviceAt({ ...env, run: calls.run }, "judge", ctx.node.params.pointer, ctx.node.id)
    const log = openSampleLog<JudgedRecord>(file)
    ctx.progress.total(gens.length)
    ctx.progress.advance(done.size)
    const todo = gens.filter((g) => !done.has(`${g.problemId}#${g.sampleIndex}`))
    const inputs = todo.map((g) => {
      const row = rows.get(g.problemId)!
      return judgeInputFor(g.text, row)
    })
    const { halt } = yield* calls.judgeAll(judge, inputs, {
      concurrency: judge.usesModel ? 8 : 1,
      onVerdict: (i, v) => {
        const g = todo[i]!
        log.append({ problemId: g.problemId, sampleIndex: g.sampleIndex, verdict: v.verdict, extracted: v.extracted,
          ...(v.rules === undefined ? {} : { rules: v.rules }), ...(v.llm === undefined ? {} : { llm: v.llm }), ...(v.error === undefined ? {} : { error: v.error }) })
        ctx.progress.advance()
      }
    }).pipe(Effect.ensuring(Effect.sync(() => { log.close(); calls.close() })))
    if (halt !== undefined) {
      const where = halt.reason === "failed" && halt.index !== undefined ? `${todo[halt.index]!.problemId}: ` : ""
      return yield* new StepFailed({ node: ctx.node.id, reason: halt.reason, message: `${where}${halt.message}` })
    }
    const all = readSampleLog<JudgedRecord>(file)
    const count = (v: string) => all.filter((r) => r.verdict === v).length
    const disagreements = all.filter((r) => r.rules !== undefined && r.llm !== undefined && r.rules !== r.llm).length
    const judgeCalls = calls.summary()
    return {
      summary: { judged: all.length, correct: count("correct"), incorrect: count("incorrect"), unparseable: count("unparseable"), disagreements,
        judgeFailed: all.filter((r) => r.error !== undefined).length, judgeCalls, costUsd: judgeCalls.costUsd },
      outputs: [JUDGED, ...calls.outputs()]
    }
  }).pipe(Effect.scoped)
