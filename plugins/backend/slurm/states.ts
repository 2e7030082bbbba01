// Pure mapping of Slurm job states (with reason, exit code and time limit) to the backend contract's states.
import type { JobState } from "../../../src/plugins/index.ts"
import { parseExitCode } from "./parse.ts"

const QUEUED = new Set(["PENDING", "CONFIGURING", "RESV_DEL_HOLD"])
const REQUEUED = new Set(["REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED"])
const RUNNING = new Set(["RUNNING", "COMPLETING", "SUSPENDED", "STOPPED", "SIGNALING", "STAGE_OUT", "RESIZING"])
const FAILED: Readonly<Record<string, string>> = {
  FAILED: "failed", OUT_OF_MEMORY: "ran out of memory", NODE_FAIL: "its node failed",
  BOOT_FAIL: "its node failed to boot", DEADLINE: "missed its deadline", SPECIAL_EXIT: "ended in a special exit state"
}

/** What Slurm says of one job, from squeue, scontrol or sacct. */
export interface SlurmJobFacts {
  readonly state: string
  readonly reason?: string
  readonly exitCode?: string
  readonly timeLimit?: string
  readonly restarts?: number
}

/** The contract state of a Slurm job. A pending job that was restarted (requeued, preempted) reads `requeued`. */
export const toJobState = (id: string, f: SlurmJobFacts): JobState => {
  const state = f.state.split(/\s+/)[0]!.toUpperCase()
  const reason = f.reason === undefined || f.reason === "None" || f.reason === "" ? undefined : f.reason
  if (QUEUED.has(state)) {
    if ((f.restarts ?? 0) > 0) return { state: "requeued", ...(reason === undefined ? {} : { reason }) }
    return { state: "queued", ...(reason === undefined ? {} : { reason }) }
  }
  if (REQUEUED.has(state)) return { state: "requeued", reason: reason ?? state.toLowerCase() }
  if (RUNNING.has(state)) return { state: "running" }
  if (state === "COMPLETED") return { state: "succeeded" }
  if (state === "CANCELLED" || state === "REVOKED") return { state: "cancelled", message: `Slurm job ${id} was cancelled` }
  if (state === "TIMEOUT") {
    const limit = f.timeLimit === undefined || f.timeLimit === "" ? "" : ` of ${f.timeLimit}`
    return { state: "timeout", message: `Slurm job ${id} exceeded its time limit${limit}` }
  }
  if (state === "PREEMPTED") return { state: "preempted", message: `Slurm job ${id} was preempted` }
  const what = FAILED[state]
  if (what !== undefined) {
    const { code, signal } = parseExitCode(f.exitCode)
    const detail = code === null ? "" : signal !== null && signal > 0 ? ` (signal ${signal})` : ` (exit code ${code})`
    return { state: "failed", exitCode: code, message: `Slurm job ${id} ${what}${detail}${reason === undefined ? "" : `, reason ${reason}`}` }
  }
  return { state: "queued", reason: state.toLowerCase() }
}
