// Server jobs of served students: one backend job per student, shared by its decode nodes, ready once GET /v1/models answers, cancelled when the last leaves.
import * as fs from "node:fs"
import * as Cause from "effect/Cause"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Semaphore from "effect/Semaphore"
import type * as Scope from "effect/Scope"
import type { Resources } from "../backends/backend.ts"
import type { JobNode, JobOutcome, JobRunner } from "../steps/job-runner.ts"
import { listServedModels } from "../students/served-student.ts"

/** What starts one student's server. */
export interface ServerLaunch {
  /** One server per student: decode nodes naming the same student share it. */
  readonly student: string
  readonly node: JobNode
  readonly command: string
  readonly args: ReadonlyArray<string>
  readonly cwd: string
  readonly env: Readonly<Record<string, string>>
  readonly stdoutFile: string
  readonly stderrFile: string
  readonly declared: Partial<Resources>
  readonly port: number
  readonly readyTimeoutMs: number
  readonly apiKey?: string
  /** Events of the run (serve-ready, serve-stopped). */
  readonly event: (event: string, fields?: Readonly<Record<string, unknown>>) => void
}

/** A ready server. */
export interface ServedServer {
  /** Base URL up to /v1. */
  readonly url: string
  /** What GET /v1/models listed once it answered. */
  readonly models: ReadonlyArray<string>
  /** Waits up to `ms` for the server job to end; its end described, or undefined while it still runs. */
  readonly endedWithin: (ms: number) => Effect.Effect<string | undefined>
  /** Fails with the job's end, described, when the server job ends; never succeeds. */
  readonly ended: Effect.Effect<never, string>
}

/** The line a server job on a detached backend prints first, naming the host it runs on. */
export const HOST_LINE_KEY = "distill_serve"

/** On a detached backend the job runs elsewhere: a shell prints its host and port, then becomes the server. */
export const wrapForHost = (command: string, args: ReadonlyArray<string>): { command: string; args: ReadonlyArray<string> } => ({
  command: "/bin/sh",
  args: ["-c", `printf '{"${HOST_LINE_KEY}":{"host":"%s","port":%s}}\\n' "$(hostname -f 2>/dev/null || hostname)" "$DISTILL_SERVE_PORT"; exec "$@"`, "distill-serve", command, ...args]
})

/** The host and port a wrapped job printed in `file` from `offset`, or undefined before it has. */
export const hostFromStdout = (file: string, offset: number): { host: string; port: number } | undefined => {
  if (!fs.existsSync(file)) return undefined
  const text = fs.readFileSync(file, "utf8").slice(offset)
  for (const line of text.split("\n")) {
    if (!line.includes(HOST_LINE_KEY)) continue
    try {
      const v = (JSON.parse(line) as Record<string, { host?: unknown; port?: unknown }>)[HOST_LINE_KEY]
      if (typeof v?.host === "string" && typeof v.port === "number") return { host: v.host, port: v.port }
    } catch {
      continue
    }
  }
  return undefined
}

const describeEnd = (exit: Exit.Exit<JobOutcome, { readonly message: string }>): string => {
  if (Exit.isFailure(exit)) {
    const e = Cause.findErrorOption(exit.cause)
    return e._tag === "Some" ? e.value.message : "the server job was cancelled"
  }
  const s = exit.value.state
  const said = "message" in s && s.message !== undefined ? s.message : s.state
  return `the server job ${exit.value.id} ended (${said})${exit.value.log === undefined ? "" : `; its log: ${exit.value.log}`}`
}

interface Entry {
  users: number
  readonly ready: Deferred.Deferred<ServedServer, string>
  readonly end: Deferred.Deferred<string>
  fiber?: Fiber.Fiber<void>
}

/** The servers of one run, by student. `detached`: jobs run elsewhere, so the URL comes from the job's host line. */
export const makeServerPool = (jobs: JobRunner, detached: boolean) => {
  const entries = new Map<string, Entry>()
  const gate = Semaphore.makeUnsafe(1)

  const serve = (launch: ServerLaunch, entry: Entry): Effect.Effect<void> => Effect.gen(function*() {
    let offset: number | undefined
    const job = detached ? wrapForHost(launch.command, launch.args) : { command: launch.command, args: launch.args }
    const started = Date.now()
    const running = yield* Effect.forkChild(jobs.run({
      node: launch.node, declared: launch.declared,
      job: { ...job, cwd: launch.cwd, env: { ...launch.env, DISTILL_SERVE_PORT: String(launch.port) }, stdoutFile: launch.stdoutFile, stderrFile: launch.stderrFile },
      onStart: (o) => { offset = o }
    }).pipe(Effect.exit, Effect.flatMap((exit) => Deferred.succeed(entry.end, describeEnd(exit)))))
    const waitReady = Effect.gen(function*() {
      let last = "no answer yet"
      while (Date.now() - started < launch.readyTimeoutMs) {
        if (yield* Deferred.isDone(entry.end)) {
          return yield* Deferred.fail(entry.ready, `the server of ${launch.student} stopped before it was ready: ${yield* Deferred.await(entry.end)}`)
        }
        const where = detached ? (offset === undefined ? undefined : hostFromStdout(launch.stdoutFile, offset)) : { host: "127.0.0.1", port: launch.port }
        if (where !== undefined) {
          const url = `http://${where.host}:${where.port}/v1`
          const listed = yield* Effect.result(Effect.tryPromise(() => listServedModels(url, launch.apiKey, AbortSignal.timeout(10_000))))
          if (listed._tag === "Success") {
            launch.event("serve-ready", { student: launch.student, url, models: listed.success, seconds: (Date.now() - started) / 1000 })
            const endedWithin = (ms: number) => Deferred.await(entry.end).pipe(Effect.timeoutOption(ms), Effect.map((o) => (o._tag === "Some" ? o.value : undefined)))
            return yield* Deferred.succeed(entry.ready, { url, models: listed.success, endedWithin, ended: Effect.flatMap(Deferred.await(entry.end), (m) => Effect.fail(m)) })
          }
          last = String((listed.failure as { cause?: unknown }).cause ?? listed.failure)
        }
        yield* Effect.sleep(500)
      }
      yield* Deferred.fail(entry.ready, `the server of ${launch.student} did not answer GET /v1/models within ${launch.readyTimeoutMs / 1000} s (last: ${last}); raise evaluate.serve.ready_timeout_s if it loads slowly`)
    })
    yield* Effect.gen(function*() {
      yield* waitReady
      if (Exit.isSuccess(yield* Effect.exit(Deferred.await(entry.ready)))) yield* Deferred.await(entry.end)
    }).pipe(Effect.ensuring(Effect.gen(function*() {
      yield* Fiber.interrupt(running)
      yield* Deferred.succeed(entry.end, "the server job was cancelled")
      yield* Deferred.fail(entry.ready, `the server of ${launch.student} was stopped before it was ready`)
      if (entries.get(launch.student) === entry) entries.delete(launch.student)
      launch.event("serve-stopped", { student: launch.student, seconds: (Date.now() - started) / 1000 })
    })))
  })

  const register = (launch: ServerLaunch) => gate.withPermit(Effect.gen(function*() {
    const known = entries.get(launch.student)
    if (known !== undefined) {
      known.users++
      return known
    }
    const entry: Entry = { users: 1, ready: Deferred.makeUnsafe(), end: Deferred.makeUnsafe() }
    entries.set(launch.student, entry)
    entry.fiber = yield* Effect.forkDetach(serve(launch, entry))
    return entry
  }))

  const unregister = (student: string, entry: Entry) => gate.withPermit(Effect.gen(function*() {
    if (--entry.users > 0) return
    if (entries.get(student) === entry) entries.delete(student)
    if (entry.fiber !== undefined) yield* Fiber.interrupt(entry.fiber)
  }))

  return {
    /**
     * The student's server, started (or shared) for the life of the caller's scope: the job is cancelled when the
     * last scope holding it closes (its nodes are done, failed or interrupted). Fails when it never gets ready.
     */
    acquire: (launch: ServerLaunch): Effect.Effect<ServedServer, string, Scope.Scope> => Effect.gen(function*() {
      const entry = yield* Effect.acquireRelease(register(launch), (e) => unregister(launch.student, e))
      return yield* Deferred.await(entry.ready)
    })
  }
}

/** The servers a run holds. */
export type ServerPool = ReturnType<typeof makeServerPool>
