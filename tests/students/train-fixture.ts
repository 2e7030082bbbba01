// Test fixture: synthetic arithmetic traces and running real training jobs through the torch plugin's command.
import { spawn } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { Effect, Layer } from "effect"
import torchPlugin from "../../plugins/trainer/torch/index.ts"
import { PluginHost, Trainer, type TrainEvent, type TrainJob } from "../../src/plugins/index.ts"
import { findTorchPython } from "../../src/students/python.ts"

/** Whether a torch-capable Python exists (tests that train are skipped otherwise). */
export const hasTorch = await Effect.runPromise(findTorchPython().pipe(Effect.match({ onFailure: () => false, onSuccess: () => true })))

/** Dimensions of a model that trains in a few seconds. */
export const MICRO_SIZE = { d_model: 32, n_layers: 1, n_heads: 2, d_ff: 64, max_len: 128 }

/** A fresh temporary directory. */
export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `${prefix}-`))

/** Writes `count` addition problems with a short trace as train JSONL; returns the path. */
export const writeArithmetic = (dir: string, count: number, seed = 1): string => {
  let s = seed
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) % 90 + 10
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    const a = next()
    const b = next()
    lines.push(JSON.stringify({ id: `p${i}`, prompt: `Q: ${a}+${b}?\nA:`, completion: ` ${a}+${b}=${a + b}. Final: ${a + b}` }))
  }
  const file = join(dir, "train.jsonl")
  writeFileSync(file, lines.join("\n") + "\n")
  return file
}

const hostLayer = Layer.succeed(PluginHost, {
  cacheDir: tmpdir(), specDir: tmpdir(), teacher: () => Effect.die("no teachers in tests"), env: (name) => process.env[name]
})

/** The command line the torch plugin gives for a job file. */
export const trainerCommand = (jobFile: string) =>
  Effect.runPromise(Effect.gen(function*() {
    const trainer = yield* Trainer
    return yield* trainer.command(jobFile)
  }).pipe(Effect.provide(torchPlugin.layer({ threads: 1, peak_gflops: 0 }).pipe(Layer.provide(hostLayer)))))

/** Outcome of one trainer process. */
export interface TrainRun {
  readonly events: ReadonlyArray<TrainEvent>
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdoutNoise: ReadonlyArray<string>
}

/** Writes `job` next to its outputDir and runs it; `killOn` SIGKILLs the process at the first matching event. */
export const runJob = async (job: TrainJob, killOn?: (e: TrainEvent) => boolean, env: Record<string, string> = {}): Promise<TrainRun> => {
  const jobFile = `${job.outputDir}.job.json`
  writeFileSync(jobFile, JSON.stringify(job))
  const cmd = await trainerCommand(jobFile)
  const child = spawn(cmd.command, [...cmd.args], { env: { ...process.env, ...cmd.env, ...env }, stdio: ["ignore", "pipe", "pipe"] })
  child.stderr.resume()
  const events: TrainEvent[] = []
  const noise: string[] = []
  const lines = createInterface({ input: child.stdout })
  lines.on("line", (line) => {
    try {
      const e = JSON.parse(line) as TrainEvent
      events.push(e)
      if (killOn?.(e)) child.kill("SIGKILL")
    } catch {
      noise.push(line)
    }
  })
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on("close", (c, s) => resolve([c, s])))
  return { events, code, signal, stdoutNoise: noise }
}

/** The `done` event of a run, or undefined. */
export const doneEvent = (run: TrainRun) =>
  run.events.find((e): e is Extract<TrainEvent, { event: "done" }> => e.event === "done")

/** The `start` event of a run, or undefined. */
export const startEvent = (run: TrainRun) =>
  run.events.find((e): e is Extract<TrainEvent, { event: "start" }> => e.event === "start")
