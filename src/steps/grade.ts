// grade step: the judge's verdict on every decoded answer of one student and eval set, checkpointed per sample.
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import type { Row } from "../plugins/dataset.ts"
import type { EvalRecord } from "../report/types.ts"
import { readJsonl } from "../store/jsonl.ts"
import { openSampleLog, readSampleLog } from "../store/sample-log.ts"
import { ROWS } from "./dataset.ts"
import { ANSWERS, STUDENT_INFO, type AnswerRecord, type StudentInfo } from "./decode.ts"
import { StepFailed, type Step } from "./step.ts"
import { serviceAt, type StepEnv } from "./env.ts"

/** The per-sample file of a grade node: one EvalRecord per eval problem. */
export const EVAL_SAMPLES = "samples.jsonl"

/** Grades stored answers with the evaluation judge; a judge change re-grades without decoding again. */
export const gradeStep = (env: StepEnv): Step<"grade"> => (ctx) =>
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
    const judge = yield* serviceAt(env, "judge", p.judgePointer, ctx.node.id)
    ctx.progress.total(answers.length)
    ctx.progress.advance(done.size)
    const log = openSampleLog<EvalRecord>(file)
    yield* Effect.forEach(todo, (a) => Effect.gen(function*() {
      const row = rows.get(a.sampleId)
      if (row === undefined) return yield* new StepFailed({ node: ctx.node.id, reason: "failed", message: `answer for unknown eval row ${a.sampleId}` })
      const v = yield* judge.judge({
        pred: a.text, ref: row.reference, question: row.question,
        ...(row.choices === undefined ? {} : { choices: row.choices }),
        ...(row.answerKind === undefined ? {} : { answerKind: row.answerKind })
      }).pipe(Effect.mapError((e) => new StepFailed({ node: ctx.node.id, reason: "failed", message: `${row.id}: ${e.message}` })))
      log.append({
        student: studentRef, mix: p.mix, method: p.method, seed: p.seed, evalSet: p.evalSet, sampleId: row.id,
        verdict: v.verdict, extracted: v.extracted,
        ...(v.rules === undefined ? {} : { rules: v.rules }), ...(v.llm === undefined ? {} : { llm: v.llm }),
        reference: row.reference, outputTokens: a.outputTokens, stopReason: a.stopReason, text: a.text
      })
      ctx.progress.advance()
    }), { concurrency: judge.usesModel ? 8 : 1, discard: true }).pipe(Effect.ensuring(Effect.sync(() => log.close())))
    const all = readSampleLog<EvalRecord>(file)
    const correct = all.filter((r) => r.verdict === "correct").length
    return {
      summary: { samples: all.length, correct, accuracy: all.length === 0 ? 0 : correct / all.length,
        loops: all.filter((r) => r.stopReason === "loop").length, truncated: all.filter((r) => r.stopReason === "max_tokens").length },
      outputs: [EVAL_SAMPLES]
    }
  }).pipe(Effect.scoped)
