// The worker's loop over a scripted student: batches, records, progress events, resume from the log, failures.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { EvalStudent } from "../../src/students/open-any.ts"
import type { AnswerRecord, RawSample, WorkerEvent } from "../../src/worker/events.ts"
import type { DecodeJob, SampleJob } from "../../src/worker/job-file.ts"
import { decodePending, jobComplete, runWorkerJob } from "../../src/worker/run-job.ts"

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "worker-run-"))
const records = <T>(file: string): T[] => fs.readFileSync(file, "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as T)

/** A student that answers each prompt with its upper case, and fails on a prompt holding "boom". */
const scripted = () => {
  const calls: Array<{ prompts: string[]; ids: string[]; batchSize: number; stop: string[]; seed: number }> = []
  let closed = 0
  const student: EvalStudent = {
    format: "onnx", info: { family: "tiny", size: "xs", params: 1234, commit: null },
    generate: async (prompts, o) => {
      calls.push({ prompts: [...prompts], ids: [...(o.sampleIds ?? [])], batchSize: o.batchSize, stop: [...o.stop], seed: o.seed ?? -1 })
      if (prompts.some((p) => p.includes("boom"))) throw new Error("inference failed on boom")
      return prompts.map((p) => ({ text: p.toUpperCase(), tokens: p.length, stopReason: "eos" as const }))
    },
    close: () => { closed++ }
  }
  return { student, calls, closed: () => closed }
}

const decodeJob = (dir: string, prompts: string[], batchSize = 2): DecodeJob => ({
  format: 1, kind: "decode", student: { dir: path.join(dir, "no-student-here") },
  answersFile: path.join(dir, "answers.jsonl"), studentInfoFile: path.join(dir, "student.json"),
  settings: { maxNewTokens: 8, temperature: 0, seed: 5, stop: ["\n"], batchSize },
  items: prompts.map((p, i) => ({ sampleId: `q${i}`, prompt: p }))
})

describe("worker loop", () => {
  it("decodes in batches with per-sample seeds, appends one answer per sample in order, writes the student's facts and reports progress", async () => {
    const dir = tmp()
    const { student, calls } = scripted()
    const events: WorkerEvent[] = []
    const job = decodeJob(dir, ["a", "b", "c", "d", "e"])
    const out = await Effect.runPromise(decodePending(student, job, (e) => events.push(e), 3))
    expect(out).toEqual({ done: 5, total: 5 })
    expect(calls.map((c) => c.ids)).toEqual([["q0#0", "q1#0"], ["q2#0", "q3#0"], ["q4#0"]])
    expect(calls.every((c) => c.batchSize === 2 && c.seed === 5 && c.stop.join() === "\n")).toBe(true)
    expect(records<AnswerRecord>(job.answersFile)).toEqual(["a", "b", "c", "d", "e"].map((p, i) =>
      ({ sampleId: `q${i}`, text: p.toUpperCase(), outputTokens: 1, stopReason: "eos" })))
    expect(JSON.parse(fs.readFileSync(job.studentInfoFile, "utf8"))).toEqual({ params: 1234, commit: null })
    expect(events).toEqual([
      { event: "start", kind: "decode", total: 5, done: 0, params: 1234, format: "onnx", threads: 3, pid: process.pid },
      { event: "progress", done: 2, total: 5 }, { event: "progress", done: 4, total: 5 }, { event: "progress", done: 5, total: 5 }
    ])
  })

  it("resumes from the log: samples already answered are skipped and a torn last line is dropped", async () => {
    const dir = tmp()
    const job = decodeJob(dir, ["a", "b", "c", "d"])
    fs.writeFileSync(job.answersFile, `${JSON.stringify({ sampleId: "q1", text: "B", outputTokens: 1, stopReason: "eos" })}\n{"sampleId":"q2","te`)
    const { student, calls } = scripted()
    const events: WorkerEvent[] = []
    await Effect.runPromise(decodePending(student, job, (e) => events.push(e)))
    expect(calls.flatMap((c) => c.prompts)).toEqual(["a", "c", "d"])
    expect(events[0]).toMatchObject({ event: "start", total: 4, done: 1 })
    expect(records<AnswerRecord>(job.answersFile).map((r) => r.sampleId)).toEqual(["q1", "q0", "q2", "q3"])
  })

  it("keeps the answers of finished batches when a later batch fails, and says why", async () => {
    const dir = tmp()
    const job = decodeJob(dir, ["a", "b", "boom", "d"])
    const { student } = scripted()
    const e = await Effect.runPromise(Effect.flip(decodePending(student, job, () => undefined)))
    expect(e.reason).toBe("decode")
    expect(e.message).toBe("decoding failed: Error: inference failed on boom")
    expect(records<AnswerRecord>(job.answersFile).map((r) => r.sampleId)).toEqual(["q0", "q1"])
  })

  it("logs a sample job's samples unjudged, seeded by problem and sample index", async () => {
    const dir = tmp()
    const job: SampleJob = {
      format: 1, kind: "sample", student: { dir: "/none" }, samplesFile: path.join(dir, "raw.jsonl"),
      settings: { maxNewTokens: 8, temperature: 0.7, seed: 2, stop: [], batchSize: 32 },
      items: [0, 1, 2].map((i) => ({ problemId: "p9", sampleIndex: i, prompt: "x?" }))
    }
    const { student, calls } = scripted()
    await Effect.runPromise(decodePending(student, job, () => undefined))
    expect(calls[0]!.ids).toEqual(["p9#0", "p9#1", "p9#2"])
    expect(records<RawSample>(job.samplesFile)).toEqual([0, 1, 2].map((i) =>
      ({ problemId: "p9", sampleIndex: i, prompt: "x?", text: "X?", outputTokens: 2, stopReason: "eos" })))
    expect(fs.existsSync(path.join(dir, "student.json"))).toBe(false)
  })

  it("is complete only when every item is logged and, for decode, the student's facts are written; then it opens no student", async () => {
    const dir = tmp()
    const job = decodeJob(dir, ["a", "b"])
    expect(await Effect.runPromise(jobComplete(job))).toBe(false)
    const { student } = scripted()
    await Effect.runPromise(decodePending(student, job, () => undefined))
    expect(await Effect.runPromise(jobComplete(job))).toBe(true)
    fs.rmSync(job.studentInfoFile)
    expect(await Effect.runPromise(jobComplete(job))).toBe(false)
    fs.writeFileSync(job.studentInfoFile, "{}")
    const events: WorkerEvent[] = []
    expect(await Effect.runPromise(runWorkerJob(job, 1, (e) => events.push(e)))).toEqual({ done: 2, total: 2 })
    expect(events).toEqual([{ event: "done", done: 2, total: 2 }])
  })

  it("fails with the student's source when it cannot be opened", async () => {
    const dir = tmp()
    const job = decodeJob(dir, ["a"])
    const e = await Effect.runPromise(Effect.flip(runWorkerJob(job, 1, () => undefined)))
    expect(e.reason).toBe("student")
    expect(e.message).toMatch(new RegExp(`^cannot load the student in ${path.join(dir, "no-student-here").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: `))
  })
})
