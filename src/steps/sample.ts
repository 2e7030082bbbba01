// sample step: a trained student's own samples on its training problems (a backend job), then judged here, checkpointed per sample.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type { Row } from "../plugins/dataset.ts"
import { judgeInputFor } from "../judge/row-input.ts"
import { readJsonl } from "../store/jsonl.ts"
import { openSampleLog, readSampleLog } from "../store/sample-log.ts"
import type { RawSample } from "../worker/events.ts"
import type { SampleJob } from "../worker/job-file.ts"
import { ROWS } from "./dataset.ts"
import { MIX_MANIFEST, MIX_TRAIN_FILE } from "./mix.ts"
import { TRAIN_OUT } from "./train.ts"
import { runWorkerNode } from "./worker-node.ts"
import { StepFailed, type Step } from "./step.ts"
import { serviceAt, type StepEnv } from "./env.ts"

/** The judged samples of a sample node. */
export const STUDENT_SAMPLES = "samples.jsonl"
/** The samples as the job decoded them, before judging (the job's per-sample checkpoint). */
export const RAW_SAMPLES = "samples.unjudged.jsonl"

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

const BATCH = 32
const keyOf = (s: { readonly problemId: string; readonly sampleIndex: number }) => `${s.problemId}#${s.sampleIndex}`

/**
 * Samples `samples` answers per training problem from the parent student (seeded by problem and index) in a backend
 * job, then judges them here with the spec's judge (so a model judge's calls stay under the run's policy and cache).
 */
export const sampleStep = (env: StepEnv): Step<"sample"> => (ctx) =>
  Effect.gen(function*() {
    const p = ctx.node.params
    const fail = (message: string) => new StepFailed({ node: ctx.node.id, reason: "failed", message })
    const rows = new Map(readJsonl<Row>(path.join(ctx.upstream.dataset!.dir, ROWS)).map((r) => [r.id, r]))
    const problems = mixProblems(ctx.upstream.mix!.dir)
    const file = path.join(ctx.dir, STUDENT_SAMPLES)
    const judged = new Set(readSampleLog<StudentSample>(file).map(keyOf))
    const todo = problems.flatMap((q) => Array.from({ length: p.samples }, (_, i) => ({ problemId: q.problemId, sampleIndex: i, prompt: q.prompt })))
      .filter((t) => !judged.has(keyOf(t)))
    const missing = todo.find((t) => !rows.has(t.problemId))
    if (missing !== undefined) return yield* fail(`training problem ${missing.problemId} is not in the dataset`)
    const judge = yield* serviceAt(env, "judge", "/judge", ctx.node.id)
    ctx.progress.total(problems.length * p.samples)
    ctx.progress.advance(judged.size)
    const rawFile = path.join(ctx.dir, RAW_SAMPLES)
    const job: SampleJob = {
      format: 1, kind: "sample", student: { dir: path.join(ctx.upstream.train!.dir, TRAIN_OUT) }, samplesFile: rawFile,
      settings: { maxNewTokens: p.max_new_tokens, temperature: p.temperature, seed: p.seed, stop: [], batchSize: BATCH },
      items: todo
    }
    // through the runner even when every sample is decoded: it re-attaches to (and closes) a job an earlier run left open
    yield* runWorkerNode(env, ctx, job)
    const wanted = new Set(todo.map(keyOf))
    const decoded = readSampleLog<RawSample>(rawFile).filter((s) => wanted.delete(keyOf(s)))
    if (wanted.size > 0) return yield* fail(`the sample job ended with ${wanted.size} of ${todo.length} samples not decoded`)
    const log = openSampleLog<StudentSample>(file)
    yield* Effect.gen(function*() {
      for (const s of decoded) {
        const v = yield* judge.judge(judgeInputFor(s.text, rows.get(s.problemId)!)).pipe(Effect.mapError((e) => fail(`${s.problemId}: ${e.message}`)))
        log.append({ problemId: s.problemId, sampleIndex: s.sampleIndex, prompt: s.prompt, text: s.text, verdict: v.verdict, stopReason: s.stopReason })
      }
    }).pipe(Effect.ensuring(Effect.sync(() => log.close())))
    const all = readSampleLog<StudentSample>(file)
    const count = (v: string) => all.filter((s) => s.verdict === v).length
    return { summary: { samples: all.length, correct: count("correct"), incorrect: count("incorrect"), unparseable: count("unparseable") }, outputs: [STUDENT_SAMPLES] }
  }).pipe(Effect.scoped)
