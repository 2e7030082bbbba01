// Benchmark: what running decode as a worker process costs over decoding in-process: start-up alone, and a whole job.
// Usage: node bench/worker.ts <student dir> [prompts=150] [threads=1]   (a trained ONNX student, e.g. a quickstart train node's out/)
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import { openAnyStudent } from "../src/students/open-any.ts"
import { workerCommand } from "../src/worker/command.ts"
import { writeWorkerJob, type DecodeJob } from "../src/worker/job-file.ts"

const dir = process.argv[2]
if (dir === undefined) {
  console.error("usage: node bench/worker.ts <student dir> [prompts] [threads]")
  process.exit(2)
}
const count = Number(process.argv[3] ?? 150)
const threads = Number(process.argv[4] ?? 1)
const prompts = Array.from({ length: count }, (_, i) => `Start ${i % 10}, mod 10: (A) add ${1 + (i % 3)}, (B) sub ${1 + (i % 2)}.`)
const settings = { maxNewTokens: 64, temperature: 0, seed: 1, stop: [], batchSize: 32 }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!

const jobIn = (work: string): string => {
  const job: DecodeJob = {
    format: 1, kind: "decode", student: { dir: path.resolve(dir) }, answersFile: path.join(work, "answers.jsonl"),
    studentInfoFile: path.join(work, "student.json"), settings, items: prompts.map((prompt, i) => ({ sampleId: `q${i}`, prompt }))
  }
  const file = path.join(work, "job.json")
  writeWorkerJob(file, job)
  return file
}
const runWorker = (file: string) => {
  const cmd = workerCommand(file)
  const t = performance.now()
  const r = spawnSync(cmd.command, [...cmd.args], { encoding: "utf8", env: { ...process.env, DISTILL_THREADS: String(threads), DISTILL_PARENT_PID: "" } })
  if (r.status !== 0) throw new Error(`worker failed: ${r.stderr}`)
  return performance.now() - t
}

const bare: number[] = []
for (let i = 0; i < 5; i++) {
  const t = performance.now()
  spawnSync(process.execPath, ["-e", ""])
  bare.push(performance.now() - t)
}
const whole: number[] = []
const startOnly: number[] = []
for (let i = 0; i < 5; i++) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-worker-"))
  const file = jobIn(work)
  whole.push(runWorker(file))
  startOnly.push(runWorker(file))
}
const inProcess: number[] = []
for (let i = 0; i < 5; i++) {
  const t = performance.now()
  const s = await openAnyStudent(dir, { threads })
  await s.generate(prompts, { ...settings, sampleIds: prompts.map((_, j) => `q${j}#0`) })
  s.close()
  inProcess.push(performance.now() - t)
}
console.log(`${count} prompts, ${settings.maxNewTokens} new tokens, batch ${settings.batchSize}, ${threads} thread(s); median of 5 (min)`)
console.log(`worker process, whole job:        ${median(whole).toFixed(0)} ms (${Math.min(...whole).toFixed(0)})`)
console.log(`worker process, nothing left:     ${median(startOnly).toFixed(0)} ms (${Math.min(...startOnly).toFixed(0)})  = start-up of a job`)
console.log(`bare node -e "" (for scale):       ${median(bare).toFixed(0)} ms (${Math.min(...bare).toFixed(0)})`)
console.log(`in-process open + decode:         ${median(inProcess).toFixed(0)} ms (${Math.min(...inProcess).toFixed(0)})`)
console.log(`cost of a job over in-process:    ${(median(whole) - median(inProcess)).toFixed(0)} ms per decode node`)
