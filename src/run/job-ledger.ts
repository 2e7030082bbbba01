// The jobs a run's event log says were submitted and never seen to end: what a restarted run re-attaches to.
import * as fs from "node:fs"
import * as path from "node:path"
import { readSampleLog } from "../store/sample-log.ts"

/** A submission recorded in some run's events.jsonl. */
export interface LedgerEntry {
  readonly node: string
  readonly key: string
  readonly backend: string
  readonly job: string
  /** Size of the job's stdout file when it was submitted: its own output starts there. */
  readonly stdoutOffset: number
  /** The run directory whose log recorded it. */
  readonly runDir: string
  /** Whether the job outlives its coordinator (false: it died with the run that submitted it). */
  readonly detached: boolean
}

/** A job event line as the runner writes it. */
export interface JobEvent {
  readonly event: string
  readonly node?: string
  readonly key?: string
  readonly backend?: string
  readonly job?: string
  readonly jobs?: ReadonlyArray<string>
  readonly stdout_offset?: number
  readonly detached?: boolean
}

/**
 * Open jobs, by node key, from events in the order they were written: the last `job-submitted` (or
 * `job-attached`) of each key whose job has no `job-ended` after it.
 */
export const openJobs = (runs: ReadonlyArray<{ readonly runDir: string; readonly events: ReadonlyArray<JobEvent> }>): Map<string, LedgerEntry> => {
  const open = new Map<string, LedgerEntry>()
  for (const { runDir, events } of runs) {
    for (const e of events) {
      if ((e.event === "job-submitted" || e.event === "job-attached") && e.key !== undefined && e.job !== undefined && e.backend !== undefined) {
        open.set(e.key, { node: e.node ?? e.key, key: e.key, backend: e.backend, job: e.job, stdoutOffset: e.stdout_offset ?? 0, runDir, detached: e.detached ?? open.get(e.key)?.detached ?? true })
      } else if (e.event === "job-ended" && e.key !== undefined && open.get(e.key)?.job === e.job) {
        open.delete(e.key)
      }
    }
  }
  return open
}

/** Run directories of an experiment, oldest first (run ids sort by time). */
export const runDirs = (runsDir: string, experiment: string): string[] => {
  const dir = path.join(runsDir, experiment)
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir).sort().map((d) => path.join(dir, d)).filter((d) => fs.existsSync(path.join(d, "events.jsonl")))
}

/** The open jobs of an experiment, read from every run record it has. */
export const readLedger = (runsDir: string, experiment: string): Map<string, LedgerEntry> =>
  openJobs(runDirs(runsDir, experiment).map((runDir) => ({ runDir, events: readSampleLog<JobEvent>(path.join(runDir, "events.jsonl")) })))
