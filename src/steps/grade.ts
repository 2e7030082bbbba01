// grade step: the judge's verdict on every decoded answer of one student and eval set, checkpointed per sample.
import * as fs from "node:fs"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type { Row } from "../plugins/dataset.ts"
import type { EvalRecord } from "../report/types.ts"
import { readJsonl } from "../store/jsonl.ts"
import { openSampleLog, readSampleLog } from "../store/sample-log.ts"
import { openJudgeCalls } from "../provider/judge-calls.ts"
import type { RateLimits } from "../provider/rate-limits.ts"
import type { Budget } from "../provider/budget.ts"
import { judgeInputFor } from "../judge/row-input.ts"
import { ROWS } from "./dataset.ts"
import { ANSWERS, STUDENT_INFO, type AnswerRecord, type StudentInfo } from "./decode.ts"
import { StepFailed, type Step } from "./step.ts"
import { serviceAt, type StepEnv } from "./env.ts"

/** The per-sample file of a grade node: one EvalRecord per eval problem. */
export const EVAL_SAMPLES = "samples.jsonl"

/** Grades stored answers with the evaluation judge; a judge change re-grades without decoding again. */
export const gradeStep = (env: StepEnv): Step<"grade", RateLimits | Budget> => (ctx) =>
  Effect.gen(function*() {
    const p = ctx.node.params
    const rows = new Map(readJsonl<Row>(path.join(ctx.upstream.dataset!.dir, ROWS)).map((r) => [r.id, r]))
    const decodeDir = ctx.upstream.decode!.dir
    const answers = readJsonl<AnswerRecord>(path.join(decodeDir, ANSWERS))
    const info = JSON.parse(fs.readFileSync(path.join(decodeDir, STUDENT_INFO), "utf8")) as StudentInfo
    const studentRef = { family: p.family, size: p.size, params: info.params }
    const file = path.join(ctx.dir, EVAL_SAMPLES)
    const done = new Set(readSampleLog<EvalRecord>(file).map((r) => r.sampleId))
    const todo = answers.filter((a) => !done.has(a.sampleId))
    const calls = yield* openJudgeCalls(ctx.dir, env.run)
    const judge = yield* serviceAt({ ...env, run: calls.run }, "judge", p.judgePointer, ctx.node.id)
    ctx.progress.total(answers.length)
    ctx.progress.advance(done.size)
    const unknown = todo.find((a) => !rows.has(a.sampleId))
    if (unknown !== undefined) return yield* new StepFailed({ node: ctx.node.id, reason: "failed", message: `answer for unknown eval row ${unknown.sampleId}` })
    const log = openSampleLog<EvalRecord>(file)
    const { halt } = yield* calls.judgeAll(judge, todo.map((a) => {
      const row = rows.get(a.sampleId)!
      return judgeInputFor(a.text, row)
    }), {
      concurrency: judge.usesModel ? 8 : 1,
      onVerdict: (i, v) => {
        const a = todo[i]!
        log.append({
          student: studentRef, mix: p.mix, method: p.method, seed: p.seed, evalSet: p.evalSet, sampleId: a.sampleId,
          verdict: v.verdict, extracted: v.extracted,
          ...(v.rules === undefined ? {} : { rules: v.rules }), ...(v.llm === undefined ? {} : { llm: v.llm }),
          ...(v.error === undefined ? {} : { error: v.error }),
          reference: rows.get(a.sampleId)!.reference, outputTokens: a.outputTokens, stopReason: a.stopReason, text: a.text
        })
        ctx.progress.advance()
      }
    }).pipe(Effect.ensuring(Effect.sync(() => { log.close(); calls.close() })))
    if (halt !== undefined) {
      const where = halt.reason === "failed" && halt.index !== undefined ? `${todo[halt.index]!.sampleId}: ` : ""
      return yield* new StepFailed({ node: ctx.node.id, reason: halt.reason, message: `${where}${halt.message}` })
    }
    const all = readSampleLog<EvalRecord>(file)
    const correct = all.filter((r) => r.verdict === "correct").length
    const judgeCalls = calls.summary()
    return {
      summary: { samples: all.length, correct, accuracy: all.length === 0 ? 0 : correct / all.length,
        loops: all.filter((r) => r.stopReason === "loop").length, truncated: all.filter((r) => r.stopReason === "max_tokens").length,
        judgeFailed: all.filter((r) => "error" in r).length, judgeCalls, costUsd: judgeCalls.costUsd },
      outputs: [EVAL_SAMPLES, ...calls.outputs()]
    }
  }).pipe(Effect.scoped)
