// The local backend: jobs are child processes of this one, their output appended to files.
import { spawn, type ChildProcess } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { childEnv } from "../spec/secret-env.ts"
import { Backend, BackendError, type BackendService, type JobState } from "./backend.ts"
import { execFailure, guarded, parentDeathGuard } from "./parent-death.ts"

const inherited = (names: ReadonlyArray<string> = []): Record<string, string | undefined> =>
  Object.fromEntries(names.map((name) => [name, process.env[name]]))

/**
 * Creates a local backend; children are killed when this process exits, learn its pid through `DISTILL_PARENT_PID`,
 * and on Linux get SIGTERM if it is killed outright (parent-death.ts), whatever the command. They inherit no credentials
 * (API keys, tokens) beyond those a job names in its own `env` or `inheritEnv`. Resources are not enforced here: the engine's
 * per-resource permits bound how many jobs run at once.
 */
export const makeLocalBackend = (): BackendService => {
  const jobs = new Map<string, { child: ChildProcess; state: JobState }>()
  let counter = 0
  process.on("exit", () => {
    for (const j of jobs.values()) if (j.state.state === "running") j.child.kill("SIGKILL")
  })
  const cancelOne = (id: string) => {
    const j = jobs.get(id)
    if (j === undefined || j.state.state !== "running") return
    j.state = { state: "cancelled" }
    j.child.kill("SIGTERM")
  }
  return {
    name: "local",
    detached: false,
    submit: (job) => Effect.try({
      try: () => {
        fs.mkdirSync(path.dirname(job.stdoutFile), { recursive: true })
        const out = fs.openSync(job.stdoutFile, "a")
        const err = fs.openSync(job.stderrFile, "a")
        const guard = parentDeathGuard()
        const line = guarded(guard, job.command, job.args)
        const child = spawn(line.command, [...line.args], {
          cwd: job.cwd, env: { ...childEnv(process.env, { ...inherited(job.inheritEnv), ...job.env }), DISTILL_PARENT_PID: String(process.pid) }, stdio: ["ignore", out, err]
        })
        fs.closeSync(out)
        fs.closeSync(err)
        const id = `local-${process.pid}-${++counter}`
        const entry = { child, state: { state: "running" } as JobState }
        jobs.set(id, entry)
        child.on("error", (e) => { entry.state = { state: "failed", exitCode: null, message: e.message } })
        child.on("exit", (code, signal) => {
          if (entry.state.state === "cancelled") return
          entry.state = code === 0 ? { state: "succeeded" }
            : { state: "failed", exitCode: code, message: execFailure(guard, job.command, code, job.stderrFile) ?? (signal === null ? `exit code ${code}` : `killed by ${signal}`) }
        })
        return id
      },
      catch: (e) => new BackendError({ reason: "submit", message: String(e) })
    }),
    poll: (ids) => Effect.sync(() => new Map(ids.map((id): [string, JobState] =>
      [id, jobs.get(id)?.state ?? { state: "unknown", message: `no local job ${id} in this process (pid ${process.pid})` }]))),
    cancel: (ids) => Effect.sync(() => { for (const id of ids) cancelOne(id) })
  }
}

/** The local backend as a layer. */
export const LocalBackendLayer = Layer.sync(Backend, makeLocalBackend)
