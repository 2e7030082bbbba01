// `status` output: per node state and output location, failures from the last run, dead-lettered samples.
import * as fs from "node:fs"
import * as path from "node:path"
import type { Plan } from "../plan/node.ts"
import { entryDir } from "../store/store.ts"
import { readSampleLog } from "../store/sample-log.ts"
import { latestRun } from "../store/run-record.ts"
import { GENERATIONS, latestRecords, type GenerationRecord } from "../steps/generate.ts"
import type { NodeState } from "./node-status.ts"
import { knownOverlaps, overlapLines } from "./overlaps.ts"
import { jobNotes } from "./job-status.ts"
import { readLedger } from "../run/job-ledger.ts"

/** Status lines for a plan. */
export const renderStatus = (plan: Plan, states: ReadonlyMap<string, NodeState>, storeRoot: string, runsDir: string, records: string): string => {
  const rel = (p: string) => path.relative(process.cwd(), p)
  const lastRun = latestRun(runsDir, records)
  const failures = new Map<string, string>()
  if (lastRun !== undefined && fs.existsSync(path.join(lastRun, "events.jsonl"))) {
    for (const e of readSampleLog<{ event: string; node?: string; message?: string }>(path.join(lastRun, "events.jsonl"))) {
      if ((e.event === "node-failed" || e.event === "node-paused") && e.node !== undefined) failures.set(e.node, `${e.event.slice(5)}: ${e.message ?? ""}`)
      if (e.event === "node-done" && e.node !== undefined) failures.delete(e.node)
    }
  }
  const jobs = jobNotes(lastRun)
  const open = readLedger(runsDir, records)
  const lines = [`status ${plan.experiment}${lastRun === undefined ? " (never run)" : ` (last run ${path.basename(lastRun)})`}`]
  const counts = new Map<string, number>()
  for (const n of plan.nodes) {
    const s = states.get(n.id)!
    const failure = s !== "cached" ? failures.get(n.id) : undefined
    const label = failure !== undefined ? failure.split(":")[0] : s === "cached" ? "finished" : s
    counts.set(label, (counts.get(label) ?? 0) + 1)
    const where = s === "cached" ? `  ${rel(entryDir(storeRoot, n.kind, n.key))}` : ""
    lines.push(`  ${`[${label}]`.padEnd(12)} ${n.id}${where}`)
    if (failure !== undefined) lines.push(`      ${failure.split("\n")[0]}`, ...(jobs.get(n.id) ?? []).map((l) => `      ${l}`))
    const live = s !== "cached" && open.get(n.key)?.detached === true ? open.get(n.key) : undefined
    if (live !== undefined) lines.push(`      job ${live.job} on ${live.backend}, submitted by run ${path.basename(live.runDir)}, not seen to end`)
  }
  lines.push("", [...counts].map(([k, v]) => `${k}: ${v}`).join(", "))
  for (const n of plan.nodes.filter((x) => x.kind === "generate")) {
    const dead = latestRecords(readSampleLog<GenerationRecord>(path.join(entryDir(storeRoot, n.kind, n.key), GENERATIONS))).filter((r) => r.status === "dead")
    if (dead.length === 0) continue
    lines.push(`dead letters in ${n.id}: ${dead.length}`)
    for (const d of dead.slice(0, 10)) lines.push(`  ${d.problemId}#${d.sampleIndex}: ${d.error?.reason} after ${d.error?.attempts} attempts: ${d.error?.message}`)
    if (dead.length > 10) lines.push(`  ... ${dead.length - 10} more`)
    lines.push(`  retry them under the current limits: distill run <spec> --retry-dead`)
  }
  lines.push(...overlapLines(knownOverlaps(plan, storeRoot)))
  if (lastRun !== undefined && fs.existsSync(path.join(lastRun, "report", "report.md"))) lines.push(`report: ${rel(path.join(lastRun, "report", "report.md"))}`)
  return lines.join("\n")
}
