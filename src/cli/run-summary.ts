// The end-of-run summary: what ran, what was cached, what failed and why, where the report is.
import * as path from "node:path"
import type { Plan } from "../plan/node.ts"
import type { RunResult } from "../run/run-spec.ts"

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
