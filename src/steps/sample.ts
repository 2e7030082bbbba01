// sample step: a trained student's own samples on its training problems, judged, checkpointed per sample.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type { Row } from "../plugins/dataset.ts"
import { judgeInputFor } from "../judge/row-input.ts"
import { readJsonl } from "../store/jsonl.ts"
import { openSampleLog, readSampleLog } from "../store/sample-log.ts"
import { openAnyStudent } from "../students/open-any.ts"
import { ROWS } from "./dataset.ts"
import { MIX_MANIFEST, MIX_TRAIN_FILE } from "./mix.ts"
import { TRAIN_OUT } from "./train.ts"
import { StepFailed, type Step } from "./step.ts"
import { serviceAt, type StepEnv } from "./env.ts"

/** The judged samples of a sample node. */
export const STUDENT_SAMPLES = "samples.jsonl"

/** One sample of the student on one training problem. */
export interface StudentSample {
  readonly problemId: string
  readonly sampleIndex: number
  readonly prompt: string
  readonly text: string
  readonly verdict: "correct" | "incorrect" | "unparseable"
  readonly stopReason: string
}

/** The mix's training problems once each, with the prompt the student was trained on. */
export const mixProblems = (mixDir: string): ReadonlyArray<{ readonly problemId: string; readonly prompt: string }> => {
  const manifest = readJsonl<{ problemId: string }>(path.join(mixDir, MIX_MANIFEST))
  const train = readJsonl<{ prompt: string }>(path.join(mixDir, MIX_TRAIN_FILE))
  const seen = new Map<string, string>()
  manifest.forEach((m, i) => { if (!seen.has(m.problemId)) seen.set(m.problemId, train[i]!.prompt) })
  return [...seen.entries()].map(([problemId, prompt]) => ({ problemId, prompt }))
}

/** Samples `samples` answers per training problem from the parent student (seeded by problem and index) and judges them. */
export const sampleStep = (env: StepEnv): Step<"sample"> => (ctx) =>
  Effect.gen(function*() {
    const p = ctx.node.params
    const fail = (message: string) => new StepFailed({ node: ctx.node.id, reason: "failed", message })
    const rows = new Map(readJsonl<Row>(path.join(ctx.upstream.dataset!.dir, ROWS)).map((r) => [r.id, r]))
    const problems = mixProblems(ctx.upstream.mix!.dir)
    const file = path.join(ctx.dir, STUDENT_SAMPLES)
    const done = new Set(readSampleLog<StudentSample>(file).map((s) => `${s.problemId}#${s.sampleIndex}`))
    const todo = problems.flatMap((q) => Array.from({ length: p.samples }, (_, i) => ({ ...q, sampleIndex: i })))
      .filter((t) => !done.has(`${t.problemId}#${t.sampleIndex}`))
    const studentDir = path.join(ctx.upstream.train!.dir, TRAIN_OUT)
    const student = yield* Effect.tryPromise({ try: () => openAnyStudent(studentDir, { threads: env.threadsPerJob }), catch: (e) => fail(`cannot load the student in ${studentDir}: ${String(e)}`) })
    const judge = yield* serviceAt(env, "judge", "/judge", ctx.node.id)
    ctx.progress.total(problems.length * p.samples)
    ctx.progress.advance(done.size)
    const log = openSampleLog<StudentSample>(file)
    const batchSize = 32
    yield* Effect.gen(function*() {
      for (let i = 0; i < todo.length; i += batchSize) {
        const batch = todo.slice(i, i + batchSize)
        const outputs = yield* Effect.tryPromise({
          try: () => student.generate(batch.map((t) => t.prompt), {
            maxNewTokens: p.max_new_tokens, temperature: p.temperature, seed: p.seed,
            sampleIds: batch.map((t) => `${t.problemId}#${t.sampleIndex}`), stop: [], batchSize
          }),
          catch: (e) => fail(`sampling failed: ${String(e)}`)
        })
        for (let j = 0; j < batch.length; j++) {
          const t = batch[j]!
          const row = rows.get(t.problemId)
          if (row === undefined) return yield* fail(`training problem ${t.problemId} is not in the dataset`)
          const v = yield* judge.judge(judgeInputFor(outputs[j]!.text, row)).pipe(Effect.mapError((e) => fail(`${t.problemId}: ${e.message}`)))
          log.append({ problemId: t.problemId, sampleIndex: t.sampleIndex, prompt: t.prompt, text: outputs[j]!.text, verdict: v.verdict, stopReason: outputs[j]!.stopReason })
          ctx.progress.advance()
        }
      }
    }).pipe(Effect.ensuring(Effect.sync(() => { log.close(); student.close() })))
    const all = readSampleLog<StudentSample>(file)
    const count = (v: string) => all.filter((s) => s.verdict === v).length
    return { summary: { samples: all.length, correct: count("correct"), incorrect: count("incorrect"), unparseable: count("unparseable") }, outputs: [STUDENT_SAMPLES] }
  }).pipe(Effect.scoped)
