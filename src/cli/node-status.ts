// Classifies plan nodes against the store and the previous run: cached, to run, partial (resumes), stale.
import * as fs from "node:fs"
import * as path from "node:path"
import type { Plan, PlanNode } from "../plan/node.ts"
import { lookup } from "../store/store.ts"
import type { Manifest } from "../store/manifest.ts"
import { inputDigest } from "../store/input-index.ts"
import { latestRun } from "../store/run-record.ts"

/** A node's state before a run. */
export type NodeState = "cached" | "to run" | "partial" | "stale" | "corrupted"

/** The previous run's plan of this experiment, if any. */
export const previousPlan = (runsDir: string, experiment: string): Plan | undefined => {
  const dir = latestRun(runsDir, experiment)
  if (dir === undefined || !fs.existsSync(path.join(dir, "plan.json"))) return undefined
  return JSON.parse(fs.readFileSync(path.join(dir, "plan.json"), "utf8")) as Plan
}

/** Dead-lettered samples a finished node holds (its summary's `dead` count). */
export const deadLetters = (m: Manifest): number => (typeof m.summary.dead === "number" ? m.summary.dead : 0)

/**
 * State of each node. stale: the previous run computed it under another key, or its upstream contents changed since
 * it was computed; partial: a crash left it unfinished, or it finished with dead-lettered samples to retry.
 */
export const nodeStates = (plan: Plan, storeRoot: string, previous: Plan | undefined): Map<string, NodeState> => {
  const prevKeys = new Map((previous?.nodes ?? []).map((n: PlanNode) => [n.id, n.key]))
  const out = new Map<string, NodeState>()
  const manifests = new Map<string, Manifest>()
  for (const n of plan.nodes) {
    const s = lookup(storeRoot, n.kind, n.key)
    if (s.state === "complete") manifests.set(n.id, s.manifest)
    const upstream = Object.entries(n.deps).map(([role, id]) => [role, manifests.get(id)] as const)
    const changed = s.state === "complete" && s.manifest.inputs !== undefined && upstream.every(([, m]) => m !== undefined) &&
      inputDigest(n.keyParts, Object.fromEntries(upstream) as Record<string, Manifest>) !== s.manifest.inputs
    if (changed) out.set(n.id, "stale")
    else if (s.state === "complete") out.set(n.id, deadLetters(s.manifest) > 0 ? "partial" : "cached")
    else if (s.state === "partial") out.set(n.id, "partial")
    else if (s.state === "corrupted") out.set(n.id, "corrupted")
    else {
      const prev = prevKeys.get(n.id)
      out.set(n.id, prev !== undefined && prev !== n.key ? "stale" : "to run")
    }
  }
  return out
}
