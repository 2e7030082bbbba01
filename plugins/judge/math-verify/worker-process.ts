// The long-lived Python worker: spawns worker.py, waits for its handshake, batches requests over JSON lines.
import { spawn } from "node:child_process"
import * as readline from "node:readline"
import { fileURLToPath } from "node:url"
import * as Data from "effect/Data"
import type { PythonChoice } from "./python.ts"

/** The worker could not start or stopped answering. */
export class MathVerifyError extends Data.TaggedError("MathVerifyError")<{
  readonly reason: "no-python" | "missing-module" | "worker-failed"
  readonly message: string
}> {}

/** One pair to grade. */
export interface WorkerItem {
  readonly pred: string
  readonly ref: string
  readonly choices?: ReadonlyArray<string>
}

/** Math-Verify's answer for one pair, with what it parsed from each side. */
export interface WorkerResult {
  readonly status: "correct" | "incorrect" | "unparseable" | "bad-reference" | "error"
  readonly gold: ReadonlyArray<string>
  readonly pred: ReadonlyArray<string>
  readonly error?: string
}

/** Options of the worker. */
export interface WorkerOptions {
  readonly python: PythonChoice
  /** Most pairs sent in one request. */
  readonly batchSize: number
  /** Math-Verify's own timeout for parsing and for comparing one pair. */
  readonly timeoutSeconds: number
  /** Math-Verify's `float_rounding` (decimal places compared when a float is involved). */
  readonly floatRounding: number
  /** How long to wait for the worker's handshake. */
  readonly startTimeoutMs?: number
}

/** A running worker. */
export interface MathVerifyWorker {
  readonly pid: number
  readonly python: string
  readonly mathVerifyVersion: string
  readonly grade: (item: WorkerItem) => Promise<WorkerResult>
  /** Pairs sent so far and requests made (for tests and benchmarks). */
  readonly stats: () => { readonly items: number; readonly requests: number }
  /** Ends the worker: closes its stdin, then kills it if it has not exited within a second. */
  readonly close: () => Promise<void>
}

const workerScript = fileURLToPath(new URL("./worker.py", import.meta.url))

const setupHint = "Run `./distill setup` (it installs math-verify into the project's .venv), or set DISTILL_PYTHON to an interpreter that has it"

interface Pending {
  readonly item: WorkerItem
  readonly resolve: (r: WorkerResult) => void
  readonly reject: (e: MathVerifyError) => void
}

/** Starts worker.py under `options.python` and resolves once it reports that math_verify imports. */
export const startWorker = (options: WorkerOptions): Promise<MathVerifyWorker> =>
  new Promise((resolveStart, rejectStart) => {
    const who = `${options.python.command} (from ${options.python.source})`
    const child = spawn(options.python.command, [workerScript], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, PYTHONUNBUFFERED: "1", PYTHONIOENCODING: "utf-8" }
    })
    let stderrTail = ""
    child.stderr.setEncoding("utf8")
    child.stderr.on("data", (chunk: string) => { stderrTail = (stderrTail + chunk).slice(-2000) })
    let started = false
    let dead: MathVerifyError | null = null
    let counter = 0
    let items = 0
    const queue: Array<Pending> = []
    const inFlight = new Map<number, ReadonlyArray<Pending>>()
    let scheduled = false

    const failAll = (e: MathVerifyError) => {
      dead ??= e
      for (const batch of inFlight.values()) for (const p of batch) p.reject(e)
      inFlight.clear()
      for (const p of queue.splice(0)) p.reject(e)
    }
    const flush = () => {
      scheduled = false
      while (queue.length > 0 && inFlight.size < 2 && dead === null) {
        const batch = queue.splice(0, options.batchSize)
        const id = ++counter
        inFlight.set(id, batch)
        items += batch.length
        child.stdin.write(JSON.stringify({
          id, timeout_seconds: options.timeoutSeconds, float_rounding: options.floatRounding,
          items: batch.map((p) => p.item)
        }) + "\n")
      }
    }
    const timer = setTimeout(() => {
      if (started) return
      child.kill("SIGKILL")
      rejectStart(new MathVerifyError({ reason: "worker-failed", message: `the Math-Verify worker under ${who} did not start within ${options.startTimeoutMs ?? 60000} ms` }))
    }, options.startTimeoutMs ?? 60000)
    const onProcessExit = () => { child.kill("SIGKILL") }
    process.on("exit", onProcessExit)

    child.stdin.on("error", () => { /* reported through 'exit' */ })
    child.on("error", (e) => {
      clearTimeout(timer)
      const error = new MathVerifyError({ reason: "no-python", message: `cannot run ${who}: ${e.message}. ${setupHint}` })
      if (!started) rejectStart(error)
      else failAll(error)
    })
    child.on("exit", (code, signal) => {
      clearTimeout(timer)
      process.off("exit", onProcessExit)
      const how = signal === null ? `exit code ${code}` : `signal ${signal}`
      const error = new MathVerifyError({ reason: "worker-failed", message: `the Math-Verify worker under ${who} stopped (${how})${stderrTail.trim() === "" ? "" : `: ${stderrTail.trim().split("\n").slice(-3).join(" | ")}`}` })
      if (!started) rejectStart(error)
      else failAll(error)
    })

    const lines = readline.createInterface({ input: child.stdout, crlfDelay: Infinity })
    lines.on("line", (line) => {
      let msg: Record<string, unknown>
      try {
        msg = JSON.parse(line) as Record<string, unknown>
      } catch {
        return
      }
      if (!started) {
        if (msg.ready !== true) {
          clearTimeout(timer)
          rejectStart(new MathVerifyError({ reason: "missing-module", message: `${who} cannot import math_verify (${String(msg.error)}). ${setupHint}` }))
          return
        }
        started = true
        clearTimeout(timer)
        resolveStart(worker(String(msg.python), String(msg.math_verify)))
        return
      }
      const batch = typeof msg.id === "number" ? inFlight.get(msg.id) : undefined
      if (batch === undefined) return
      inFlight.delete(msg.id as number)
      const results = Array.isArray(msg.results) ? msg.results as ReadonlyArray<WorkerResult> : []
      batch.forEach((p, i) => {
        const r = results[i]
        if (r === undefined) p.reject(new MathVerifyError({ reason: "worker-failed", message: `the Math-Verify worker answered ${results.length} of ${batch.length} pairs` }))
        else p.resolve(r)
      })
      flush()
    })

    const worker = (python: string, mathVerifyVersion: string): MathVerifyWorker => ({
      pid: child.pid!,
      python,
      mathVerifyVersion,
      grade: (item) => new Promise<WorkerResult>((resolve, reject) => {
        if (dead !== null) return reject(dead)
        queue.push({ item, resolve, reject })
        if (!scheduled) {
          scheduled = true
          setImmediate(flush)
        }
      }),
      stats: () => ({ items, requests: counter }),
      close: () => new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        const kill = setTimeout(() => child.kill("SIGKILL"), 1000)
        child.once("exit", () => { clearTimeout(kill); resolve() })
        dead ??= new MathVerifyError({ reason: "worker-failed", message: "the Math-Verify worker was closed" })
        for (const p of queue.splice(0)) p.reject(dead)
        child.stdin.end()
      })
    })
  })
