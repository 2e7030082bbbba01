// Runs a heavy node's job through the backend: resources, submit or re-attach, one shared poll for all jobs, events, logs, cancel.
import * as fs from "node:fs"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Semaphore from "effect/Semaphore"
import { isFinal, type BackendService, type JobId, type JobSpec, type JobState, type Resources } from "../backends/backend.ts"
import { formatResources, resolveResources, type ResourceOverride } from "../backends/resources.ts"
import { StepFailed } from "../steps/step.ts"
import type { LedgerEntry } from "./job-ledger.ts"
import type { JobNode, JobOutcome, JobRequest, JobRunner } from "../steps/job-runner.ts"

export type { JobNode, JobOutcome, JobRequest, JobRunner } from "../steps/job-runner.ts"

/** What the runner needs from the run. */
export interface JobRunnerOptions {
  readonly backend: BackendService
  readonly runDir: string
  readonly event: (event: string, fields?: Readonly<Record<string, unknown>>) => void
  /** Open jobs from earlier runs of the experiment, by node key (consumed as they are re-attached). */
  readonly ledger: Map<string, LedgerEntry>
  readonly overrides: Readonly<Record<string, ResourceOverride>>
  /** Threads a local job may use (the machine's cores shared among parallel heavy nodes); a cluster job uses its cpus. */
  readonly threadsPerJob: number
  readonly pollMs?: number
  /** Consecutive failed polls before the node fails (the controller may be restarting). */
  readonly pollRetries?: number
}

const LIVE = new Set(["queued", "running", "requeued"])
const fileSize = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0)
const describeState = (s: JobState) => ("message" in s && s.message !== undefined ? s.message : "reason" in s && s.reason !== undefined ? `${s.state} (${s.reason})` : s.state)

/** Makes the runner. */
export const makeJobRunner = (o: JobRunnerOptions): JobRunner => {
  const pollMs = o.pollMs ?? o.backend.pollIntervalMs ?? (o.backend.detached ? 1000 : 300)
  const active = new Set<JobId>()
  let last: { at: number; states: ReadonlyMap<JobId, JobState> } = { at: 0, states: new Map() }
  const gate = Semaphore.makeUnsafe(1)
  const stateOf = (id: JobId) => gate.withPermit(Effect.gen(function*() {
    if (Date.now() - last.at < pollMs / 2 && last.states.has(id)) return last.states.get(id)!
    const states = yield* o.backend.poll([...new Set([...active, id])])
    last = { at: Date.now(), states }
    return states.get(id) ?? { state: "unknown", message: `the backend did not report job ${id}` } as JobState
  }))

  const resourcesOf = (node: JobNode, declared?: Partial<Resources>) => resolveResources(node, declared, o.overrides)

  const keepLogs = (node: JobNode, id: JobId, job: JobRequest["job"]): string | undefined => {
    const dir = path.join(o.runDir, "jobs")
    const base = `${node.id.replace(/[^A-Za-z0-9._-]+/g, "_")}.${id.replace(/[^A-Za-z0-9._-]+/g, "_")}`
    try {
      fs.mkdirSync(dir, { recursive: true })
      if (fs.existsSync(job.stderrFile)) fs.copyFileSync(job.stderrFile, path.join(dir, `${base}.stderr.log`))
      if (fs.existsSync(job.stdoutFile)) fs.copyFileSync(job.stdoutFile, path.join(dir, `${base}.stdout.log`))
      return path.join("jobs", `${base}.stderr.log`)
    } catch {
      return undefined
    }
  }

  const run = (req: JobRequest): Effect.Effect<JobOutcome, StepFailed> => Effect.gen(function*() {
    const { node, job } = req
    const fail = (message: string) => new StepFailed({ node: node.id, reason: "failed", message })
    const resources = resourcesOf(node, req.declared)
    const base = { node: node.id, key: node.key, backend: o.backend.name }
    let attached: { id: JobId; offset: number } | undefined
    const earlier = o.ledger.get(node.key)
    o.ledger.delete(node.key)
    if (earlier !== undefined && earlier.backend === o.backend.name && o.backend.detached) {
      const s = yield* stateOf(earlier.job).pipe(Effect.orElseSucceed((): JobState => ({ state: "unknown", message: "poll failed" })))
      if (LIVE.has(s.state) || s.state === "succeeded") {
        attached = { id: earlier.job, offset: earlier.stdoutOffset }
        o.event("job-attached", { ...base, job: earlier.job, state: s.state, stdout_offset: earlier.stdoutOffset, from_run: path.basename(earlier.runDir) })
      } else {
        o.event("job-ended", { ...base, job: earlier.job, state: s.state, message: describeState(s), while_away: true })
      }
    }
    const offset = attached?.offset ?? fileSize(job.stdoutFile)
    const threads = o.backend.detached ? resources.cpus : o.threadsPerJob
    return yield* Effect.acquireUseRelease(
      attached !== undefined ? Effect.succeed(attached.id)
        : o.backend.submit({ ...job, name: node.id, resources, env: { DISTILL_THREADS: String(threads), ...job.env } }).pipe(
          Effect.tap((id) => Effect.sync(() => o.event("job-submitted", { ...base, job: id, detached: o.backend.detached, resources: formatResources(resources), stdout_offset: offset }))),
          Effect.mapError((e) => fail(`${o.backend.name} backend: ${e.message}`))),
      (id) => Effect.gen(function*() {
        active.add(id)
        req.onStart?.(offset)
        let seen: string | undefined
        let failures = 0
        while (true) {
          const polled = yield* Effect.result(stateOf(id))
          if (polled._tag === "Failure") {
            failures++
            o.event("job-poll-error", { ...base, job: id, message: polled.failure.message, attempt: failures })
            if (failures > (o.pollRetries ?? 30)) return yield* fail(`cannot follow job ${id}: ${polled.failure.message}`)
            yield* Effect.sleep(Math.min(30_000, pollMs * 2 ** Math.min(failures, 5)))
            continue
          }
          failures = 0
          const s = polled.success
          req.onPoll?.()
          const label = describeState(s)
          if (label !== seen) {
            seen = label
            if (!isFinal(s)) o.event("job-state", { ...base, job: id, state: s.state, ...("reason" in s && s.reason !== undefined ? { reason: s.reason } : {}) })
          }
          if (isFinal(s)) {
            req.onPoll?.()
            const log = keepLogs(node, id, job)
            o.event("job-ended", { ...base, job: id, state: s.state, ...(s.state === "succeeded" ? {} : { message: label }), ...(log === undefined ? {} : { log }) })
            return { id, state: s, attached: attached !== undefined, ...(log === undefined ? {} : { log }) } satisfies JobOutcome
          }
          yield* Effect.sleep(pollMs)
        }
      }),
      (id, exit) => Effect.gen(function*() {
        active.delete(id)
        if (Exit.isSuccess(exit)) return
        yield* Effect.ignore(o.backend.cancel([id]))
        const log = keepLogs(node, id, job)
        o.event("job-cancelled", { ...base, job: id, why: Exit.hasInterrupts(exit) ? "interrupted" : "node failed" })
        o.event("job-ended", { ...base, job: id, state: "cancelled", ...(log === undefined ? {} : { log }) })
      })
    )
  })

  return { backend: o.backend, resourcesOf, run }
}
