// evaluate step: decode a student on an eval set in batches, judge each answer, checkpoint per sample.
import * as fs from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import type { Row } from "../plugins/dataset.ts"
import type { EvalRecord } from "../report/types.ts"
import { buildService } from "../run/services.ts"
import { readJsonl } from "../store/jsonl.ts"
import { openSampleLog, readSampleLog } from "../store/sample-log.ts"
import { openStudent } from "../students/student.ts"
import { ROWS } from "./dataset.ts"
import { renderPrompt } from "./generate.ts"
import { TRAIN_OUT } from "./train.ts"
import { StepFailed, type Step } from "./step.ts"
import { refAt, type StepEnv } from "./env.ts"

/** The per-sample file of an evaluate node: one EvalRecord per eval problem. */
export const EVAL_SAMPLES = "samples.jsonl"

/** Evaluates one trained student on one eval set with the spec's decoding settings and judge. */
export const evaluateStep = (env: StepEnv): Step<any> => (ctx) =>
  Effect.gen(function*() {
    const p = ctx.node.params
    const fail = (message: string) => new StepFailed({ node: ctx.node.id, reason: "failed", message })
    const decode = p.decode as { max_new_tokens: number; temperature: number; batch_size: number; stop: string[] }
    const rows = readJsonl<Row>(path.join(ctx.upstream.dataset.dir, ROWS))
    const file = path.join(ctx.dir, EVAL_SAMPLES)
    const done = new Set(readSampleLog<EvalRecord>(file).map((r) => r.sampleId))
    const todo = rows.filter((r) => !done.has(r.id))
    if (ctx.upstream.train === undefined) return yield* fail("base-student evaluation needs a trainer that ships pretrained weights")
    const studentDir = path.join(ctx.upstream.train.dir, TRAIN_OUT)
    const student = yield* Effect.tryPromise({ try: () => openStudent(studentDir, { threads: env.threadsPerJob }), catch: (e) => fail(`cannot load the student in ${studentDir}: ${String(e)}`) })
    const judge = yield* buildService("judge", refAt(env, p.judgePointer as string), env.run)
    const info = JSON.parse(fs.readFileSync(path.join(studentDir, "student.json"), "utf8")) as { params?: number }
    const studentRef = { family: p.family as string, size: p.size as string, params: info.params ?? 0 }
    ctx.progress.total(rows.length)
    ctx.progress.advance(done.size)
    const log = openSampleLog<EvalRecord>(file)
    yield* Effect.gen(function*() {
      for (let i = 0; i < todo.length; i += decode.batch_size) {
        const batch = todo.slice(i, i + decode.batch_size)
        const outputs = yield* Effect.tryPromise({
          try: () => student.generate(batch.map((r) => renderPrompt(p.prompt as string, r)), {
            maxNewTokens: decode.max_new_tokens, temperature: decode.temperature, seed: p.seed as number, sampleIds: batch.map((r) => `${r.id}#0`),
            stop: decode.stop, batchSize: decode.batch_size
          }),
          catch: (e) => fail(`decoding failed: ${String(e)}`)
        })
        for (let j = 0; j < batch.length; j++) {
          const row = batch[j]
          const out = outputs[j]
          const v = yield* judge.judge({
            pred: out.text, ref: row.reference, question: row.question,
            ...(row.choices === undefined ? {} : { choices: row.choices }),
            ...(row.answerKind === undefined ? {} : { answerKind: row.answerKind })
          }).pipe(Effect.mapError((e) => fail(`${row.id}: ${e.message}`)))
          log.append({
            student: studentRef, mix: p.mix as string | null, method: p.method as string, seed: p.seed as number,
            evalSet: p.evalSet as string, sampleId: row.id, verdict: v.verdict, extracted: v.extracted,
            ...(v.rules === undefined ? {} : { rules: v.rules }), ...(v.llm === undefined ? {} : { llm: v.llm }),
            reference: row.reference, outputTokens: out.tokens, stopReason: out.stopReason, text: out.text
          })
          ctx.progress.advance()
        }
      }
    }).pipe(Effect.ensuring(Effect.sync(() => { log.close(); student.close() })))
    const all = readSampleLog<EvalRecord>(file)
    const correct = all.filter((r) => r.verdict === "correct").length
    return {
      summary: { samples: all.length, correct, accuracy: all.length === 0 ? 0 : correct / all.length,
        loops: all.filter((r) => r.stopReason === "loop").length, truncated: all.filter((r) => r.stopReason === "max_tokens").length },
      outputs: [EVAL_SAMPLES]
    }
  }).pipe(Effect.scoped)
