// The end-of-run summary: what ran, what was cached, what failed and why, where the report is.
import * as path from "node:path"
import type { Plan } from "../plan/node.ts"
import type { RunResult } from "../run/run-spec.ts"

/** Judge model calls of the nodes executed in this run. */
const judgeCallTotals = (plan: Plan, result: RunResult) => {
  const total = { calls: 0, requests: 0, fromCache: 0, dead: 0, costUsd: 0 }
  for (const n of plan.nodes) {
    const o = result.outcomes.get(n.id)
    if (o?.status !== "done" || !("manifest" in o)) continue
    const j = o.manifest.summary.judgeCalls as typeof total | undefined
    if (j === undefined) continue
    for (const k of Object.keys(total) as Array<keyof typeof total>) total[k] += j[k]
  }
  return total
}

/** Summary lines for a finished run. */
export const renderRunSummary = (plan: Plan, result: RunResult, cwd = process.cwd()): string => {
  const rel = (p: string) => path.relative(cwd, p) || "."
  const count = (s: string) => [...result.outcomes.values()].filter((o) => o.status === s).length
  const lines = [
    `run ${plan.experiment}: ${plan.nodes.length} nodes: ${count("done")} executed, ${count("cached")} cached, ` +
    `${count("failed")} failed, ${count("paused")} paused, ${count("skipped")} skipped`,
    `run record: ${rel(result.runDir)}`
  ]
  for (const [id, o] of result.outcomes) {
    if (o.status === "failed" || o.status === "paused") lines.push(`  ${o.status.toUpperCase()} ${id}: ${o.message}`)
  }
  const dead = plan.nodes.filter((n) => n.kind === "generate").map((n) => {
    const o = result.outcomes.get(n.id)
    return o !== undefined && "manifest" in o ? (o.manifest.summary.dead as number) ?? 0 : 0
  }).reduce((a, b) => a + b, 0)
  if (dead > 0) lines.push(`  ${dead} teacher samples were dead-lettered (see: distill status)`)
  const judged = judgeCallTotals(plan, result)
  if (judged.calls + judged.fromCache > 0) {
    lines.push(`  judge model: ${judged.calls} calls (${judged.requests} requests), ${judged.fromCache} from cache, $${judged.costUsd.toFixed(4)}` +
      (judged.dead > 0 ? `; ${judged.dead} dead-lettered, graded "unparseable" with an error` : ""))
  }
  if (result.reportDir !== undefined) {
    lines.push(`report: ${rel(path.join(result.reportDir, "report.md"))}`)
    lines.push(`charts: ${rel(path.join(result.reportDir, "charts"))}/{gap-vs-size,accuracy-by-mix}.{png,svg}`)
  }
  return lines.join("\n")
}

/** Expected cells of the report node, when it finished: how many the spec names and how many failed. */
export const expectedOutcome = (plan: Plan, outcomes: RunResult["outcomes"]): { total: number; failed: number } | undefined => {
  const report = plan.nodes.find((n) => n.kind === "report")
  const o = report === undefined ? undefined : outcomes.get(report.id)
  if (o === undefined || !("manifest" in o)) return undefined
  const e = o.manifest.summary.expected as { total?: number; failed?: number } | undefined
  return e === undefined ? undefined : { total: e.total ?? 0, failed: e.failed ?? 0 }
}
