// Classifies plan nodes against the store and the previous run: cached, to run, partial (resumes), stale.
import * as fs from "node:fs"
import * as path from "node:path"
import type { Plan, PlanNode } from "../plan/node.ts"
import { lookup } from "../store/store.ts"
import { latestRun } from "../store/run-record.ts"

/** A node's state before a run. */
export type NodeState = "cached" | "to run" | "partial" | "stale" | "corrupted"

/** The previous run's plan of this experiment, if any. */
export const previousPlan = (runsDir: string, experiment: string): Plan | undefined => {
  const dir = latestRun(runsDir, experiment)
  if (dir === undefined || !fs.existsSync(path.join(dir, "plan.json"))) return undefined
  return JSON.parse(fs.readFileSync(path.join(dir, "plan.json"), "utf8")) as Plan
}

/** State of each node: stale means the previous run computed this node under another key. */
export const nodeStates = (plan: Plan, storeRoot: string, previous: Plan | undefined): Map<string, NodeState> => {
  const prevKeys = new Map((previous?.nodes ?? []).map((n: PlanNode) => [n.id, n.key]))
  const out = new Map<string, NodeState>()
  for (const n of plan.nodes) {
    const s = lookup(storeRoot, n.kind, n.key)
    if (s.state === "complete") out.set(n.id, "cached")
    else if (s.state === "partial") out.set(n.id, "partial")
    else if (s.state === "corrupted") out.set(n.id, "corrupted")
    else {
      const prev = prevKeys.get(n.id)
      out.set(n.id, prev !== undefined && prev !== n.key ? "stale" : "to run")
    }
  }
  return out
}
