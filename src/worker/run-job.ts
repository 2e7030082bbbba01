// The work of a decode or sample job: decode the items not yet logged, in batches, appending each answer as it comes.
import * as fs from "node:fs"
import * as Effect from "effect/Effect"
import { writeJsonAtomic } from "../store/atomic.ts"
import { openSampleLog, readSampleLog } from "../store/sample-log.ts"
import type { Generation } from "../students/generation-row.ts"
import type { EvalStudent } from "../students/open-any.ts"
import { WorkerError } from "./errors.ts"
import type { AnswerRecord, RawSample, WorkerEvent } from "./events.ts"
import type { WorkerJob, WorkerSettings } from "./job-file.ts"
import { openStudentSource } from "./student-source.ts"

/** One item as the loop sees it: its log key, its sampling identity, its prompt, and the record its answer becomes. */
interface Item {
  readonly key: string
  readonly seedId: string
  readonly prompt: string
  readonly record: (g: Generation) => AnswerRecord | RawSample
}

interface Work {
  readonly file: string
  readonly items: ReadonlyArray<Item>
  readonly logged: (file: string) => ReadonlySet<string>
}

const workOf = (job: WorkerJob): Work => job.kind === "decode"
  ? {
    file: job.answersFile,
    logged: (f) => new Set(readSampleLog<AnswerRecord>(f).map((r) => r.sampleId)),
    items: job.items.map((i) => ({
      key: i.sampleId, seedId: `${i.sampleId}#0`, prompt: i.prompt,
      record: (g) => ({ sampleId: i.sampleId, text: g.text, outputTokens: g.tokens, stopReason: g.stopReason }) satisfies AnswerRecord
    }))
  }
  : {
    file: job.samplesFile,
    logged: (f) => new Set(readSampleLog<RawSample>(f).map((s) => `${s.problemId}#${s.sampleIndex}`)),
    items: job.items.map((i) => ({
      key: `${i.problemId}#${i.sampleIndex}`, seedId: `${i.problemId}#${i.sampleIndex}`, prompt: i.prompt,
      record: (g) => ({ problemId: i.problemId, sampleIndex: i.sampleIndex, prompt: i.prompt, text: g.text, outputTokens: g.tokens, stopReason: g.stopReason }) satisfies RawSample
    }))
  }

const logFailure = (e: unknown) => new WorkerError({ reason: "log", message: (e as Error).message ?? String(e) })

/** The items of the job that its log does not hold yet (a requeued or re-run job skips what it already decoded). */
export const pendingItems = (job: WorkerJob): Effect.Effect<{ readonly work: Work; readonly pending: ReadonlyArray<Item> }, WorkerError> =>
  Effect.try({
    try: () => {
      const work = workOf(job)
      const logged = work.logged(work.file)
      return { work, pending: work.items.filter((i) => !logged.has(i.key)) }
    },
    catch: logFailure
  })

const generateBatch = (student: EvalStudent, batch: ReadonlyArray<Item>, s: WorkerSettings) =>
  Effect.tryPromise({
    try: () => student.generate(batch.map((i) => i.prompt), {
      maxNewTokens: s.maxNewTokens, temperature: s.temperature, seed: s.seed,
      sampleIds: batch.map((i) => i.seedId), stop: [...s.stop], batchSize: s.batchSize
    }),
    catch: (e) => new WorkerError({ reason: "decode", message: `decoding failed: ${String(e)}` })
  })

/** Decodes the pending items with an open student (the caller closes it), emitting progress after every batch. */
export const decodePending = (
  student: EvalStudent, job: WorkerJob, emit: (e: WorkerEvent) => void, threads: number | null = null
): Effect.Effect<{ readonly done: number; readonly total: number }, WorkerError> =>
  Effect.gen(function*() {
    const { work, pending } = yield* pendingItems(job)
    const total = work.items.length
    let done = total - pending.length
    if (job.kind === "decode") {
      yield* Effect.try({ try: () => writeJsonAtomic(job.studentInfoFile, { params: student.info.params, commit: student.info.commit }), catch: logFailure })
    }
    emit({ event: "start", kind: job.kind, total, done, params: student.info.params, format: student.format, threads, pid: process.pid })
    const log = yield* Effect.try({ try: () => openSampleLog<AnswerRecord | RawSample>(work.file), catch: logFailure })
    yield* Effect.gen(function*() {
      for (let i = 0; i < pending.length; i += job.settings.batchSize) {
        const batch = pending.slice(i, i + job.settings.batchSize)
        const outputs = yield* generateBatch(student, batch, job.settings)
        yield* Effect.try({ try: () => batch.forEach((item, j) => log.append(item.record(outputs[j]!))), catch: logFailure })
        done += batch.length
        emit({ event: "progress", done, total })
      }
    }).pipe(Effect.ensuring(Effect.sync(() => { try { log.close() } catch { /* the records are written; only the last fsync failed */ } })))
    return { done, total }
  })

/** Whether a job has nothing left to do: every item logged (and, for decode, the student's facts written). */
export const jobComplete = (job: WorkerJob): Effect.Effect<boolean, WorkerError> =>
  Effect.map(pendingItems(job), ({ pending }) => pending.length === 0 && (job.kind !== "decode" || fs.existsSync(job.studentInfoFile)))

/** The whole job as a worker process runs it: open the student (unless nothing is left), decode, close. */
export const runWorkerJob = (job: WorkerJob, threads: number | undefined, emit: (e: WorkerEvent) => void): Effect.Effect<{ readonly done: number; readonly total: number }, WorkerError> =>
  Effect.gen(function*() {
    if (yield* jobComplete(job)) {
      const total = job.items.length
      emit({ event: "done", done: total, total })
      return { done: total, total }
    }
    const result = yield* Effect.acquireUseRelease(
      Effect.tryPromise({ try: () => openStudentSource(job.student, threads), catch: (e) => new WorkerError({ reason: "student", message: (e as Error).message }) }),
      (student) => decodePending(student, job, emit, threads ?? null),
      (student) => Effect.sync(() => student.close())
    )
    emit({ event: "done", ...result })
    return result
  })
