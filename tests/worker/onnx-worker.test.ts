// A decode job of a real ONNX student run as a worker process: same answers as decoding in-process, threads honoured, kill -9 resumes.
import { spawn, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { openAnyStudent } from "../../src/students/open-any.ts"
import type { AnswerRecord } from "../../src/worker/events.ts"
import { workerCommand } from "../../src/worker/command.ts"
import { writeWorkerJob, type DecodeJob } from "../../src/worker/job-file.ts"
import { doneEvent, hasTorch, runJob, tempDir, writeArithmetic } from "../students/train-fixture.ts"

const PROMPTS = Array.from({ length: 24 }, (_, i) => `Q: ${10 + i}+${31 + 2 * i}?\nA:`)
const SETTINGS = { maxNewTokens: 30, temperature: 0.7, seed: 3, stop: ["\n"], batchSize: 4 }
const records = (file: string): AnswerRecord[] => fs.readFileSync(file, "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as AnswerRecord)

describe.skipIf(!hasTorch)("decode worker on an ONNX student (trains a small student first; needs a Python with torch)", () => {
  let studentDir = ""
  let expected: AnswerRecord[] = []
  const job = (dir: string): DecodeJob => ({
    format: 1, kind: "decode", student: { dir: studentDir }, answersFile: join(dir, "answers.jsonl"), studentInfoFile: join(dir, "student.json"),
    settings: SETTINGS, items: PROMPTS.map((prompt, i) => ({ sampleId: `q${i}`, prompt }))
  })
  const jobFile = (dir: string) => {
    const file = join(dir, "job.json")
    writeWorkerJob(file, job(dir))
    return file
  }

  beforeAll(async () => {
    const root = tempDir("onnx-worker")
    studentDir = join(root, "student")
    const run = await runJob({
      family: "tiny", size: "worker-test", sizeConfig: { d_model: 32, n_layers: 1, n_heads: 2, d_ff: 64, max_len: 128 },
      method: "sft", hyper: { epochs: 2, batch_size: 8, lr: 0.01 }, seed: 1, trainFile: writeArithmetic(root, 120), outputDir: studentDir
    }, undefined, { DISTILL_PEAK_GFLOPS: "100" })
    if (doneEvent(run) === undefined) throw new Error(`training failed: ${JSON.stringify(run.events.at(-1))}`)
    const s = await openAnyStudent(studentDir, { threads: 1 })
    const out = await s.generate(PROMPTS, { ...SETTINGS, sampleIds: PROMPTS.map((_, i) => `q${i}#0`) })
    s.close()
    expected = out.map((g, i) => ({ sampleId: `q${i}`, text: g.text, outputTokens: g.tokens, stopReason: g.stopReason }))
  }, 300_000)

  it("writes the answers decoding in this process gives, with the threads DISTILL_THREADS names", () => {
    const dir = tempDir("onnx-worker-run")
    const cmd = workerCommand(jobFile(dir))
    const r = spawnSync(cmd.command, [...cmd.args], { encoding: "utf8", env: { ...process.env, DISTILL_THREADS: "1", DISTILL_PARENT_PID: "" } })
    expect(r.status, r.stderr).toBe(0)
    const events = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { event: string; threads?: number; done?: number })
    expect(events[0]).toMatchObject({ event: "start", kind: "decode", total: 24, done: 0, format: "onnx", threads: 1 })
    expect(events.at(-1)).toEqual({ event: "done", done: 24, total: 24 })
    expect(events.filter((e) => e.event === "progress").map((e) => e.done)).toEqual([4, 8, 12, 16, 20, 24])
    expect(records(join(dir, "answers.jsonl"))).toEqual(expected)
    expect(JSON.parse(fs.readFileSync(join(dir, "student.json"), "utf8")).params).toBeGreaterThan(0)
  })

  it("after kill -9 mid-job, a second run decodes only what is missing and ends with the same answers", async () => {
    const dir = tempDir("onnx-worker-kill")
    const file = jobFile(dir)
    const cmd = workerCommand(file)
    const child = spawn(cmd.command, [...cmd.args], { env: { ...process.env, DISTILL_THREADS: "1", DISTILL_PARENT_PID: "" }, stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString()
        if (out.includes("\"event\":\"progress\"")) { child.kill("SIGKILL"); resolve() }
      })
      child.on("exit", () => resolve())
    })
    await new Promise((r) => child.once("close", r))
    const logged = records(join(dir, "answers.jsonl")).length
    expect(logged).toBeGreaterThan(0)
    expect(logged).toBeLessThan(24)
    const r = spawnSync(cmd.command, [...cmd.args], { encoding: "utf8", env: { ...process.env, DISTILL_THREADS: "1", DISTILL_PARENT_PID: "" } })
    expect(r.status, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout.split("\n")[0]!)).toMatchObject({ event: "start", done: logged, total: 24 })
    const byId = (a: AnswerRecord[]) => [...a].sort((x, y) => Number(x.sampleId.slice(1)) - Number(y.sampleId.slice(1)))
    const again = records(join(dir, "answers.jsonl"))
    expect(again).toHaveLength(24)
    expect(byId(again)).toEqual(expected)
  })
})
