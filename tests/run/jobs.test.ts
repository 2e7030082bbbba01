// The job runner over a scripted backend: re-attach or resubmit by what the backend says, events, cancel on interrupt.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Effect, Fiber } from "effect"
import { describe, expect, it } from "vitest"
import type { BackendService, JobSpec, JobState } from "../../src/backends/backend.ts"
import type { LedgerEntry } from "../../src/run/job-ledger.ts"
import { makeJobRunner } from "../../src/run/jobs.ts"
import type { PlanNode } from "../../src/plan/node.ts"

/** A backend whose jobs follow scripted state sequences (the last state repeats). */
const scripted = (detached: boolean, initial: Record<string, JobState[]> = {}) => {
  const scripts = new Map(Object.entries(initial))
  const log = { submitted: [] as JobSpec[], polls: [] as string[][], cancelled: [] as string[] }
  let next = 100
  const backend: BackendService = {
    name: "fake", detached,
    submit: (job) => Effect.sync(() => {
      log.submitted.push(job)
      const id = String(next++)
      scripts.set(id, [{ state: "queued" }, { state: "running" }, { state: "succeeded" }])
      return id
    }),
    poll: (ids) => Effect.sync(() => {
      log.polls.push([...ids])
      return new Map(ids.map((id): [string, JobState] => {
        const s = scripts.get(id)
        if (s === undefined) return [id, { state: "unknown", message: "no such job" }]
        return [id, s.length > 1 ? s.shift()! : s[0]!]
      }))
    }),
    cancel: (ids) => Effect.sync(() => { log.cancelled.push(...ids) })
  }
  return { backend, log }
}

const trainParams = { family: "tiny", size: "xs", sizeConfig: null, method: "sft", hyper: {}, seed: 0, prompt: "{problem}", mix: "m", stage: "sft" } as const
const node = (id: string, key: string): PlanNode => ({ id, kind: "train", key, keyParts: {} as never, deps: {}, after: [], resource: "cpu", params: trainParams, estimate: {} })

const setup = (backend: BackendService, ledger: Map<string, LedgerEntry> = new Map()) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jobs-"))
  const events: Array<Record<string, unknown>> = []
  const runner = makeJobRunner({
    backend, runDir: dir, ledger, overrides: { train: { memory: "1G" } }, threadsPerJob: 3, pollMs: 5,
    event: (event, fields) => { events.push({ event, ...fields }) }
  })
  const job = { command: "true", args: [], cwd: dir, stdoutFile: path.join(dir, "out.jsonl"), stderrFile: path.join(dir, "err.log") }
  return { dir, events, runner, job }
}

describe("job runner", () => {
  it("submits with resolved resources and follows the job to its end, with events and kept logs", async () => {
    const { backend, log } = scripted(true)
    const { dir, events, runner, job } = setup(backend)
    fs.writeFileSync(job.stderrFile, "warming up\n")
    const out = await Effect.runPromise(runner.run({ node: node("train/a", "ka"), job, declared: { cpus: 4 } }))
    expect(out).toMatchObject({ id: "100", state: { state: "succeeded" }, attached: false })
    expect(log.submitted[0]!.resources).toEqual({ cpus: 4, gpus: 0, memoryMb: 1024 })
    expect(log.submitted[0]!.env).toEqual({ DISTILL_THREADS: "4" })
    expect(events.map((e) => `${e.event}:${e.state ?? ""}`)).toEqual(["job-submitted:", "job-state:queued", "job-state:running", "job-ended:succeeded"])
    expect(fs.readFileSync(path.join(dir, out.log!), "utf8")).toBe("warming up\n")
  })

  it("re-attaches to a live or finished job of the same backend, and resubmits one the backend lost", async () => {
    const { backend, log } = scripted(true, { "7": [{ state: "running" }, { state: "succeeded" }], "8": [{ state: "succeeded" }], "9": [{ state: "failed", exitCode: 1, message: "boom" }] })
    const entry = (key: string, job: string): LedgerEntry => ({ node: key, key, backend: "fake", job, stdoutOffset: 42, runDir: "/runs/x/1", detached: true })
    const ledger = new Map([["k7", entry("k7", "7")], ["k8", entry("k8", "8")], ["k9", entry("k9", "9")], ["kq", { ...entry("kq", "5"), backend: "other" }]])
    const { events, runner, job } = setup(backend, ledger)
    const offsets: number[] = []
    const run = (id: string, key: string) => Effect.runPromise(runner.run({ node: node(id, key), job, onStart: (o) => offsets.push(o) }))
    expect(await run("train/7", "k7")).toMatchObject({ id: "7", attached: true, state: { state: "succeeded" } })
    expect(await run("train/8", "k8")).toMatchObject({ id: "8", attached: true })
    expect(await run("train/9", "k9")).toMatchObject({ id: "100", attached: false })
    expect(await run("train/q", "kq")).toMatchObject({ id: "101", attached: false })
    expect(offsets.slice(0, 2)).toEqual([42, 42])
    expect(log.submitted.map((j) => j.name)).toEqual(["train/9", "train/q"])
    expect(events.filter((e) => e.event === "job-attached").map((e) => e.job)).toEqual(["7", "8"])
    expect(events.find((e) => e.event === "job-ended" && e.job === "9")).toMatchObject({ state: "failed", while_away: true })
    expect(ledger.size).toBe(0)
  })

  it("does not re-attach with a backend whose jobs die with their coordinator", async () => {
    const { backend, log } = scripted(false, { "7": [{ state: "running" }] })
    const ledger = new Map([["k", { node: "n", key: "k", backend: "fake", job: "7", stdoutOffset: 0, runDir: "/r", detached: true }]])
    const { runner, job } = setup(backend, ledger)
    const out = await Effect.runPromise(runner.run({ node: node("n", "k"), job }))
    expect(out.id).toBe("100")
    expect(log.submitted[0]!.env).toEqual({ DISTILL_THREADS: "3" })
  })

  it("polls every active job in one call, and cancels a job whose node is interrupted", async () => {
    const { backend, log } = scripted(true, { "1": [{ state: "running" }] })
    const ledger = new Map([["k1", { node: "a", key: "k1", backend: "fake", job: "1", stdoutOffset: 0, runDir: "/r", detached: true }]])
    const { events, runner, job } = setup(backend, ledger)
    const forever = await Effect.runPromise(Effect.forkDetach(runner.run({ node: node("a", "k1"), job })))
    await Effect.runPromise(Effect.sleep(30))
    await Effect.runPromise(runner.run({ node: node("b", "k2"), job }))
    expect(log.polls.some((ids) => ids.includes("1") && ids.includes("100"))).toBe(true)
    await Effect.runPromise(Fiber.interrupt(forever))
    expect(log.cancelled).toEqual(["1"])
    expect(events.filter((e) => e.event === "job-cancelled")).toMatchObject([{ job: "1", why: "interrupted" }])
    expect(events.at(-1)).toMatchObject({ event: "job-ended", job: "1", state: "cancelled" })
  })
})
