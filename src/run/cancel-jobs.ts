// `distill cancel`: cancels the jobs an experiment's runs left queued or running, found in their event logs.
import * as fs from "node:fs"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { PlannableSpec } from "../plan/input.ts"
import { chooseBackend } from "./backend-choice.ts"
import { readLedger, type LedgerEntry } from "./job-ledger.ts"
import { buildService } from "../plugins/runtime.ts"
import { recordName } from "../store/run-record.ts"
import type { SiteConfig } from "./site.ts"

/** What cancel did. */
export interface CancelResult {
  readonly backend: string
  readonly cancelled: ReadonlyArray<LedgerEntry>
  /** Jobs already over, or of another backend than the one chosen now. */
  readonly untouched: ReadonlyArray<{ readonly entry: LedgerEntry; readonly why: string }>
  /** For a backend whose jobs are children of the run: the run that was asked to stop (SIGINT). */
  readonly interrupted?: number
}

const appendEvent = (runDir: string, event: string, fields: Record<string, unknown>) =>
  fs.appendFileSync(path.join(runDir, "events.jsonl"), JSON.stringify({ t: new Date().toISOString(), event, ...fields }) + "\n")

const liveOwner = (storeRoot: string, experiment: string): number | undefined => {
  try {
    const o = JSON.parse(fs.readFileSync(path.join(storeRoot, ".lock"), "utf8")) as { pid: number; experiment: string }
    if (o.experiment !== experiment) return undefined
    process.kill(o.pid, 0)
    return o.pid
  } catch {
    return undefined
  }
}

/** Cancels the experiment's open jobs on the chosen backend. */
export const cancelJobs = (
  spec: PlannableSpec & { readonly dir: string; readonly file: string }, runsDir: string, backendFlag: string | undefined, site: SiteConfig
): Effect.Effect<CancelResult, string, Scope.Scope> => Effect.gen(function*() {
  const storeRoot = path.join(runsDir, "store")
  const specBackend = spec.plugins["/backend"]
  const choice = chooseBackend(backendFlag, site, specBackend === undefined ? undefined : { use: specBackend.use, with: specBackend.config })
  const backend = yield* buildService("backend", choice.ref, { storeRoot, cacheDir: path.join(runsDir, "cache"), specDir: spec.dir, env: process.env })
    .pipe(Effect.mapError((e) => e.message))
  const entries = [...readLedger(runsDir, recordName(spec)).values()]
  const untouched: Array<{ entry: LedgerEntry; why: string }> = entries.filter((e) => e.backend !== backend.name)
    .map((entry) => ({ entry, why: `submitted to the ${entry.backend} backend, not ${backend.name}` }))
  const mine = entries.filter((e) => e.backend === backend.name)
  if (!backend.detached) {
    const pid = liveOwner(storeRoot, spec.name)
    if (pid !== undefined) process.kill(pid, "SIGINT")
    return { backend: backend.name, cancelled: pid === undefined ? [] : mine, untouched, ...(pid === undefined ? {} : { interrupted: pid }) }
  }
  const states = mine.length === 0 ? new Map() : yield* backend.poll(mine.map((e) => e.job)).pipe(Effect.mapError((e) => e.message))
  const live = mine.filter((e) => ["queued", "running", "requeued"].includes(states.get(e.job)?.state ?? ""))
  for (const e of mine) if (!live.includes(e)) untouched.push({ entry: e, why: `already ${states.get(e.job)?.state ?? "gone"}` })
  if (live.length > 0) yield* backend.cancel(live.map((e) => e.job)).pipe(Effect.mapError((e) => e.message))
  for (const e of live) {
    const fields = { node: e.node, key: e.key, backend: e.backend, job: e.job }
    appendEvent(e.runDir, "job-cancelled", { ...fields, why: "distill cancel" })
    appendEvent(e.runDir, "job-ended", { ...fields, state: "cancelled", message: "cancelled by distill cancel" })
  }
  return { backend: backend.name, cancelled: live, untouched }
})
