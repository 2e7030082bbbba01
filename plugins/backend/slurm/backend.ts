// The Slurm backend: sbatch --parsable to submit, squeue (then scontrol, then sacct) to poll, scancel to cancel.
import * as fs from "node:fs"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { BackendError, type BackendService, type JobId, type JobState } from "../../../src/plugins/index.ts"
import type { CommandResult, RunCommand } from "./commands.ts"
import { isInvalidJobId, parseSacct, parseSbatchParsable, parseScontrol, parseSqueue } from "./parse.ts"
import { renderBatchScript, ScriptError, type SlurmConfig } from "./script.ts"
import { toJobState } from "./states.ts"

/** The batch script written beside a job's stdout file. */
export const scriptFileFor = (stdoutFile: string): string =>
  path.join(path.dirname(stdoutFile), `${path.basename(stdoutFile).replace(/\.[^.]*$/, "")}.sbatch`)

const SQUEUE_FORMAT = "JobID:|,State:|,Reason:|,RestartCnt:|"
const CHUNK = 400
const chunks = <T>(xs: ReadonlyArray<T>): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK))
const said = (r: CommandResult) => (r.stderr.trim() || r.stdout.trim()).split("\n").slice(-3).join("; ")
const NEEDS_DETAIL = new Set(["FAILED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "BOOT_FAIL", "DEADLINE", "PREEMPTED", "SPECIAL_EXIT"])

/** Creates the backend over a command runner (the real one, or a recording one in tests). */
export const makeSlurmBackend = (config: SlurmConfig, run: RunCommand): BackendService => {
  const pollError = (message: string) => new BackendError({ reason: "poll", message })

  const squeue = (ids: ReadonlyArray<JobId>) => Effect.gen(function*() {
    const r = yield* run("squeue", ["--noheader", "--states=all", "--array", `--jobs=${ids.join(",")}`, `--Format=${SQUEUE_FORMAT}`])
    if (r.code !== 0 && !isInvalidJobId(r.stderr)) return yield* pollError(`squeue failed: ${said(r)}`)
    return r.code === 0 ? parseSqueue(r.stdout) : []
  })

  const scontrol = (id: JobId) => Effect.gen(function*() {
    const r = yield* run("scontrol", ["show", "job", "-o", id])
    if (r.code !== 0) return undefined
    return parseScontrol(r.stdout).find((j) => j.JobId === id || `${j.ArrayJobId}_${j.ArrayTaskId}` === id)
  })

  const sacct = (ids: ReadonlyArray<JobId>) => Effect.gen(function*() {
    const r = yield* run("sacct", ["-X", "-n", "-P", `--jobs=${ids.join(",")}`, "--format=JobID,State,ExitCode"])
    return r.code === 0 ? { rows: parseSacct(r.stdout), problem: "" } : { rows: [], problem: said(r) }
  })

  return {
    name: "slurm",
    detached: true,
    pollIntervalMs: (config.poll_interval_s ?? 5) * 1000,
    submit: (job) => Effect.gen(function*() {
      const script = yield* Effect.try({
        try: () => renderBatchScript(job, config),
        catch: (e) => new BackendError({ reason: "submit", message: e instanceof ScriptError ? e.message : String(e) })
      })
      const file = scriptFileFor(job.stdoutFile)
      yield* Effect.try({
        try: () => {
          fs.mkdirSync(path.dirname(file), { recursive: true })
          fs.writeFileSync(file, script, { mode: 0o755 })
        },
        catch: (e) => new BackendError({ reason: "submit", message: `cannot write ${file}: ${String(e)}` })
      })
      const r = yield* run("sbatch", ["--parsable", file])
      const id = r.code === 0 ? parseSbatchParsable(r.stdout) : undefined
      if (id === undefined) return yield* new BackendError({ reason: "submit", message: `sbatch refused ${job.name}: ${said(r)}` })
      return id
    }),
    poll: (ids) => Effect.gen(function*() {
      const out = new Map<JobId, JobState>()
      for (const part of chunks([...new Set(ids)])) {
        for (const row of yield* squeue(part)) {
          if (!part.includes(row.id)) continue
          const detail = NEEDS_DETAIL.has(row.state) ? yield* scontrol(row.id) : undefined
          out.set(row.id, toJobState(row.id, {
            state: row.state, reason: row.reason, restarts: row.restarts,
            ...(detail === undefined ? {} : { exitCode: detail.ExitCode, timeLimit: detail.TimeLimit })
          }))
        }
        const missing = part.filter((id) => !out.has(id))
        if (missing.length === 0) continue
        const acct = yield* sacct(missing)
        for (const row of acct.rows) if (missing.includes(row.id)) out.set(row.id, toJobState(row.id, { state: row.state, exitCode: row.exitCode }))
        for (const id of missing) {
          if (out.has(id)) continue
          out.set(id, { state: "unknown", message: `Slurm no longer knows job ${id}${acct.problem === "" ? "" : ` (sacct: ${acct.problem})`}` })
        }
      }
      return out
    }),
    cancel: (ids) => Effect.gen(function*() {
      for (const part of chunks(ids)) {
        const r = yield* run("scancel", [...part])
        if (r.code !== 0 && !isInvalidJobId(r.stderr) && !/already completing or completed/i.test(r.stderr)) {
          return yield* new BackendError({ reason: "cancel", message: `scancel failed: ${said(r)}` })
        }
      }
    })
  }
}
