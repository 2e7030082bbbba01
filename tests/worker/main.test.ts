// The worker process as a backend runs it: usage, its error as an event and on stderr (no stack), a finished job, an orphan.
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { workerCommand } from "../../src/worker/command.ts"
import { writeWorkerJob, type DecodeJob } from "../../src/worker/job-file.ts"

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "worker-main-"))
const run = (jobFile: string | undefined, env: Record<string, string> = {}) => {
  const cmd = workerCommand(jobFile ?? "")
  const args = jobFile === undefined ? cmd.args.slice(0, -1) : cmd.args
  const r = spawnSync(cmd.command, [...args], { encoding: "utf8", env: { ...process.env, DISTILL_PARENT_PID: "", ...env }, timeout: 60_000 })
  const events = r.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>)
  return { status: r.status, stderr: r.stderr, events }
}
const job = (dir: string): DecodeJob => ({
  format: 1, kind: "decode", student: { dir: path.join(dir, "missing-student") },
  answersFile: path.join(dir, "answers.jsonl"), studentInfoFile: path.join(dir, "student.json"),
  settings: { maxNewTokens: 4, temperature: 0, seed: 1, stop: [], batchSize: 4 }, items: [{ sampleId: "q0", prompt: "hi" }]
})

describe("worker process", () => {
  it("prints its usage and exits 2 without a job file", () => {
    const r = run(undefined)
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/^usage: node src\/worker\/main\.ts <job\.json>/)
  })

  it("reports a student it cannot open as an error event and on stderr, without a stack trace, and exits 1", () => {
    const dir = tmp()
    writeWorkerJob(path.join(dir, "job.json"), job(dir))
    const r = run(path.join(dir, "job.json"))
    expect(r.status).toBe(1)
    const last = r.events.at(-1)!
    expect(last.event).toBe("error")
    expect(String(last.message)).toContain(`cannot load the student in ${path.join(dir, "missing-student")}`)
    expect(r.stderr).toContain(String(last.message))
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it("refuses a bad job file saying which field is wrong", () => {
    const dir = tmp()
    fs.writeFileSync(path.join(dir, "job.json"), JSON.stringify({ ...job(dir), items: [{ sampleId: 1, prompt: "x" }] }))
    const r = run(path.join(dir, "job.json"))
    expect(r.status).toBe(1)
    expect(r.events.at(-1)!.message).toMatch(/job\.json is not a decode or sample job: items\.0\.sampleId: Expected string/)
  })

  it("ends at once with a done event when everything is already logged (a requeue after the last batch)", () => {
    const dir = tmp()
    const j = job(dir)
    fs.writeFileSync(j.answersFile, JSON.stringify({ sampleId: "q0", text: "x", outputTokens: 1, stopReason: "eos" }) + "\n")
    fs.writeFileSync(j.studentInfoFile, JSON.stringify({ params: 1, commit: null }))
    writeWorkerJob(path.join(dir, "job.json"), j)
    const r = run(path.join(dir, "job.json"))
    expect(r.status, r.stderr).toBe(0)
    expect(r.events).toEqual([{ event: "done", done: 1, total: 1 }])
  })

  it("exits 137 at once when DISTILL_PARENT_PID names a process that is not its parent (its coordinator died)", () => {
    const dir = tmp()
    writeWorkerJob(path.join(dir, "job.json"), job(dir))
    const r = run(path.join(dir, "job.json"), { DISTILL_PARENT_PID: "999999999" })
    expect(r.status).toBe(137)
    expect(r.events).toEqual([])
  })
})
