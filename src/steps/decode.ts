// decode step: a student's answers on one eval set, decoded in batches by a backend job and checkpointed per sample.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type { Row } from "../plugins/dataset.ts"
import { decodeRunsAsJob } from "../plugins/declared-resources.ts"
import { readJsonl } from "../store/jsonl.ts"
import { readSampleLog } from "../store/sample-log.ts"
import type { AnswerRecord } from "../worker/events.ts"
import type { DecodeJob } from "../worker/job-file.ts"
import { jobComplete } from "../worker/run-job.ts"
import { decodeStudentSource, openDecodeStudent } from "./decode-student.ts"
import { ROWS } from "./dataset.ts"
import { renderPrompt } from "./generate.ts"
import { runInCoordinator, runWorkerNode } from "./worker-node.ts"
import { StepFailed, type Step } from "./step.ts"
import type { StepEnv } from "./env.ts"

export type { AnswerRecord } from "../worker/events.ts"

/** The per-sample answers file of a decode node. */
export const ANSWERS = "answers.jsonl"
/** What a decode node records about the student it decoded (its parameter count orders sizes in the report). */
export const STUDENT_INFO = "student.json"

/** The student facts a decode node keeps. */
export interface StudentInfo {
  readonly params: number
  /** The Hub commit of a Hugging Face student's weights; null for students trained from scratch. */
  readonly commit?: string | null
}

/**
 * Decodes one trained student on one eval set with the spec's decoding settings, as a backend job (`src/worker`);
 * resumable per sample: a re-run or a requeued job decodes only the samples not yet in answers.jsonl.
 */
export const decodeStep = (env: StepEnv): Step<"decode"> => (ctx) =>
  Effect.gen(function*() {
    const p = ctx.node.params
    const fail = (message: string) => new StepFailed({ node: ctx.node.id, reason: "failed", message })
    const rows = readJsonl<Row>(path.join(ctx.upstream.dataset!.dir, ROWS))
    const file = path.join(ctx.dir, ANSWERS)
    const done = new Set(readSampleLog<AnswerRecord>(file).map((r) => r.sampleId))
    const job: DecodeJob = {
      format: 1, kind: "decode",
      student: yield* decodeStudentSource(env, p, ctx.upstream.train?.dir, ctx.node.id),
      answersFile: file, studentInfoFile: path.join(ctx.dir, STUDENT_INFO),
      settings: { maxNewTokens: p.decode.max_new_tokens, temperature: p.decode.temperature, seed: p.seed, stop: [...p.decode.stop], batchSize: p.decode.batch_size },
      items: rows.filter((r) => !done.has(r.id)).map((r) => ({ sampleId: r.id, prompt: renderPrompt(p.prompt, r) }))
    }
    ctx.progress.total(rows.length)
    ctx.progress.advance(done.size)
    if (decodeRunsAsJob(p)) {
      // always through the runner, even with nothing left: it re-attaches to (and closes) a job an earlier run left open
      yield* runWorkerNode(env, ctx, job)
    } else if (!(yield* jobComplete(job).pipe(Effect.mapError((e) => fail(e.message))))) {
      yield* runInCoordinator(ctx, yield* openDecodeStudent(env, p, ctx.upstream.train?.dir, ctx.node.id), job)
    }
    const all = readSampleLog<AnswerRecord>(file)
    const missing = rows.length - new Set(all.map((r) => r.sampleId)).size
    if (missing > 0) return yield* fail(`the decode job ended with ${missing} of ${rows.length} samples not answered`)
    return {
      summary: { samples: all.length, loops: all.filter((r) => r.stopReason === "loop").length,
        truncated: all.filter((r) => r.stopReason === "max_tokens").length },
      outputs: [ANSWERS, STUDENT_INFO]
    }
  }).pipe(Effect.scoped)
