// The worker's job file: what the coordinator writes is what the worker reads; a bad file is refused saying where and what.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { readWorkerJob, writeWorkerJob, type DecodeJob, type SampleJob } from "../../src/worker/job-file.ts"

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), "worker-job-"))
const settings = { maxNewTokens: 40, temperature: 0, seed: 7, stop: ["\n\n", "Problem:"], batchSize: 12 }
const readBack = (file: string) => Effect.runPromise(readWorkerJob(file))
const refusal = (file: string) => Effect.runPromise(Effect.flip(readWorkerJob(file)))

describe("worker job file", () => {
  it("round-trips a decode job of a trained student and one of a base Hub student", async () => {
    const d = dir()
    const trained: DecodeJob = {
      format: 1, kind: "decode", student: { dir: "/store/train/abc/out" }, answersFile: path.join(d, "answers.jsonl"),
      studentInfoFile: path.join(d, "student.json"), settings,
      items: [{ sampleId: "q1", prompt: "Start 7, mod 10: (A) add 3." }, { sampleId: "q2", prompt: "über \"quoted\"\n\\boxed{}" }]
    }
    writeWorkerJob(path.join(d, "a.json"), trained)
    expect(await readBack(path.join(d, "a.json"))).toEqual(trained)
    const base: DecodeJob = { ...trained, student: { model: "Qwen/Qwen2.5-0.5B-Instruct", revision: null, family: "qwen2.5-instruct", size: "0.5b" }, items: [] }
    writeWorkerJob(path.join(d, "b.json"), base)
    expect(await readBack(path.join(d, "b.json"))).toEqual(base)
  })

  it("round-trips a sample job", async () => {
    const d = dir()
    const job: SampleJob = {
      format: 1, kind: "sample", student: { dir: "/s/out" }, samplesFile: path.join(d, "raw.jsonl"),
      settings: { ...settings, temperature: 0.8, stop: [], batchSize: 32 },
      items: [{ problemId: "p1", sampleIndex: 0, prompt: "x" }, { problemId: "p1", sampleIndex: 1, prompt: "x" }]
    }
    writeWorkerJob(path.join(d, "job.json"), job)
    expect(await readBack(path.join(d, "job.json"))).toEqual(job)
  })

  it("refuses a missing file, a file that is not JSON, and a job with a wrong or missing field, naming the file", async () => {
    const d = dir()
    const missing = await refusal(path.join(d, "nope.json"))
    expect(missing.reason).toBe("job-file")
    expect(missing.message).toMatch(/^cannot read the job file .*nope\.json: ENOENT/)
    fs.writeFileSync(path.join(d, "torn.json"), "{\"format\": 1, \"kind\":")
    expect((await refusal(path.join(d, "torn.json"))).message).toMatch(/^the job file .*torn\.json is not JSON/)
    const good = { format: 1, kind: "decode", student: { dir: "/x" }, answersFile: "/a", studentInfoFile: "/i", settings, items: [] }
    fs.writeFileSync(path.join(d, "kind.json"), JSON.stringify({ ...good, kind: "train" }))
    expect((await refusal(path.join(d, "kind.json"))).message).toMatch(/kind\.json is not a decode or sample job: kind is "train"$/)
    fs.writeFileSync(path.join(d, "batch.json"), JSON.stringify({ ...good, settings: { ...settings, batchSize: "12" } }))
    expect((await refusal(path.join(d, "batch.json"))).message).toMatch(/batch\.json is not a decode or sample job: .*batchSize/)
    const { answersFile: _a, ...noLog } = good
    fs.writeFileSync(path.join(d, "log.json"), JSON.stringify(noLog))
    expect((await refusal(path.join(d, "log.json"))).message).toMatch(/answersFile/)
  })
})
