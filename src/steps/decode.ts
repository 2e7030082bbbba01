// decode step: a student's answers on one eval set, decoded in batches and checkpointed per sample.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type { Row } from "../plugins/dataset.ts"
import { readJsonl } from "../store/jsonl.ts"
import { writeJsonAtomic } from "../store/atomic.ts"
import { openSampleLog, readSampleLog } from "../store/sample-log.ts"
import { openDecodeStudent } from "./decode-student.ts"
import type { StopReason } from "../students/generation-row.ts"
import { ROWS } from "./dataset.ts"
import { renderPrompt } from "./generate.ts"
import { StepFailed, type Step } from "./step.ts"
import type { StepEnv } from "./env.ts"

/** The per-sample answers file of a decode node. */
export const ANSWERS = "answers.jsonl"
/** What a decode node records about the student it decoded (its parameter count orders sizes in the report). */
export const STUDENT_INFO = "student.json"

/** One decoded answer. */
export interface AnswerRecord {
  readonly sampleId: string
  readonly text: string
  readonly outputTokens: number
  readonly stopReason: StopReason
}

/** The student facts a decode node keeps. */
export interface StudentInfo {
  readonly params: number
  /** The Hub commit of a Hugging Face student's weights; null for students trained from scratch. */
  readonly commit?: string | null
}

/** Decodes one trained student on one eval set with the spec's decoding settings; resumable per sample. */
export const decodeStep = (env: StepEnv): Step<"decode"> => (ctx) =>
  Effect.gen(function*() {
    const p = ctx.node.params
    const fail = (message: string) => new StepFailed({ node: ctx.node.id, reason: "failed", message })
    const rows = readJsonl<Row>(path.join(ctx.upstream.dataset!.dir, ROWS))
    const file = path.join(ctx.dir, ANSWERS)
    const done = new Set(readSampleLog<AnswerRecord>(file).map((r) => r.sampleId))
    const todo = rows.filter((r) => !done.has(r.id))
    const student = yield* openDecodeStudent(env, ctx.node.params, ctx.upstream.train?.dir, ctx.node.id)
    writeJsonAtomic(path.join(ctx.dir, STUDENT_INFO), { params: student.info.params, commit: student.info.commit } satisfies StudentInfo)
    ctx.progress.total(rows.length)
    ctx.progress.advance(done.size)
    const log = openSampleLog<AnswerRecord>(file)
    yield* Effect.gen(function*() {
      for (let i = 0; i < todo.length; i += p.decode.batch_size) {
        const batch = todo.slice(i, i + p.decode.batch_size)
        const outputs = yield* Effect.tryPromise({
          try: () => student.generate(batch.map((r) => renderPrompt(p.prompt, r)), {
            maxNewTokens: p.decode.max_new_tokens, temperature: p.decode.temperature, seed: p.seed, sampleIds: batch.map((r) => `${r.id}#0`),
            stop: [...p.decode.stop], batchSize: p.decode.batch_size
          }),
          catch: (e) => fail(`decoding failed: ${String(e)}`)
        })
        batch.forEach((row, j) => {
          const out = outputs[j]!
          log.append({ sampleId: row.id, text: out.text, outputTokens: out.tokens, stopReason: out.stopReason })
        })
        ctx.progress.advance(batch.length)
      }
    }).pipe(Effect.ensuring(Effect.sync(() => { log.close(); student.close() })))
    const all = readSampleLog<AnswerRecord>(file)
    return {
      summary: { samples: all.length, loops: all.filter((r) => r.stopReason === "loop").length,
        truncated: all.filter((r) => r.stopReason === "max_tokens").length },
      outputs: [ANSWERS, STUDENT_INFO]
    }
  }).pipe(Effect.scoped)
