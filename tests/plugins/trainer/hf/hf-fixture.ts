// Test fixture: tiny random Qwen2 / Llama models built offline, and HF training jobs run through the hf plugin's command.
import { execFileSync, spawn } from "node:child_process"
import { existsSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { Effect, Layer } from "effect"
import hfPlugin from "../../../../plugins/trainer/hf/index.ts"
import { PluginHost, Trainer, type TrainEvent, type TrainJob } from "../../../../src/plugins/index.ts"
import { HF_PYTHON_DIR, pythonPath } from "../../../../src/students/python-packages.ts"
import { findTorchPython } from "../../../../src/students/python.ts"

const found = await Effect.runPromise(Effect.result(findTorchPython()))

/** The interpreter with torch, or null. */
export const python = found._tag === "Success" ? found.success.python : null

/** Whether that interpreter also has transformers, peft and trl (tests that need them skip otherwise). */
export const hasHfStack = python !== null && (() => {
  try {
    execFileSync(python, ["-c", "import transformers, peft, trl"], { stdio: "ignore", timeout: 120_000 })
    return true
  } catch {
    return false
  }
})()

/** A fresh temporary directory. */
export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `${prefix}-`))

/**
 * Builds tiny random models (2 layers, hidden 64, locally trained BPE tokenizer with a chat template) into
 * `dir/<arch>` in one Python process (imports dominate on small machines); returns the path of `arch`.
 */
export const buildTiny = (dir: string, arch: "qwen2" | "llama", also: ReadonlyArray<"qwen2" | "llama"> = []): string => {
  const wanted = [arch, ...also].filter((a) => !existsSync(join(dir, a, "config.json")))
  if (wanted.length > 0) {
    const script = `import sys\nfrom distill_hf.tiny import build_tiny\nfor a in sys.argv[2:]: build_tiny(sys.argv[1] + "/" + a, arch=a)`
    execFileSync(python!, ["-c", script, dir, ...wanted], {
      env: { ...process.env, PYTHONPATH: pythonPath(HF_PYTHON_DIR), HF_HUB_OFFLINE: "1" }, stdio: ["ignore", "ignore", "pipe"], timeout: 600_000
    })
  }
  return join(dir, arch)
}

/** Writes `count` addition problems with a short answer as train JSONL; returns the path. */
export const writeSums = (dir: string, count: number): string => {
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    const a = (i * 7) % 23 + 1
    const b = (i * 11) % 19 + 1
    lines.push(JSON.stringify({ id: `p${i}`, prompt: `What is ${a} + ${b}?`, completion: `${a} + ${b} = ${a + b}. Final Answer: \\boxed{${a + b}}` }))
  }
  const file = join(dir, "train.jsonl")
  writeFileSync(file, lines.join("\n") + "\n")
  return file
}

const hostLayer = Layer.succeed(PluginHost, {
  cacheDir: tmpdir(), specDir: tmpdir(), teacher: () => Effect.die("no teachers in tests"), env: (name) => process.env[name]
})

/** The command line the hf plugin gives for a job file. */
export const hfCommand = (jobFile: string) =>
  Effect.runPromise(Effect.gen(function*() {
    return yield* (yield* Trainer).command(jobFile)
  }).pipe(Effect.provide(hfPlugin.layer({ threads: 1, peak_gflops: 1, offline: true, launcher: "python", gpus: 1 }).pipe(Layer.provide(hostLayer)))))

/** Outcome of one trainer process. */
export interface TrainRun {
  readonly events: ReadonlyArray<TrainEvent & Record<string, unknown>>
  readonly code: number | null
  readonly stdoutNoise: ReadonlyArray<string>
}

/** Writes `job` next to its outputDir and runs it; `killOn` SIGKILLs the process at the first matching event. */
export const runHfJob = async (job: TrainJob, killOn?: (e: TrainEvent) => boolean, env: Record<string, string> = {}): Promise<TrainRun> => {
  const jobFile = `${job.outputDir}.job.json`
  writeFileSync(jobFile, JSON.stringify(job))
  const cmd = await hfCommand(jobFile)
  const child = spawn(cmd.command, [...cmd.args], { env: { ...process.env, ...cmd.env, ...env }, stdio: ["ignore", "pipe", "pipe"] })
  child.stderr.resume()
  const events: Array<TrainEvent & Record<string, unknown>> = []
  const noise: string[] = []
  createInterface({ input: child.stdout }).on("line", (line) => {
    try {
      const e = JSON.parse(line) as TrainEvent & Record<string, unknown>
      events.push(e)
      if (killOn?.(e)) child.kill("SIGKILL")
    } catch {
      noise.push(line)
    }
  })
  const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)))
  return { events, code, stdoutNoise: noise }
}

/** The events of one kind. */
export const eventsOf = <K extends TrainEvent["event"]>(run: TrainRun, kind: K) =>
  run.events.filter((e) => e.event === kind) as unknown as Array<Extract<TrainEvent, { event: K }> & Record<string, unknown>>
