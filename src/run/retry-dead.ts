// `distill run --retry-dead`: reopens finished nodes that hold dead-lettered samples so they retry them.
import * as fs from "node:fs"
import * as path from "node:path"
import type { Plan } from "../plan/node.ts"
import { MANIFEST } from "../store/manifest.ts"
import { entryDir, lookup } from "../store/store.ts"

/**
 * Removes the manifest of every selected node that finished with dead letters, keeping its sample log: the node runs
 * again, keeps its finished samples and retries only the dead ones under the spec's current limits. Its dependents
 * see new upstream contents and become stale. Returns the ids of the reopened nodes.
 */
export const reopenDeadLettered = (plan: Plan, storeRoot: string, selected: ReadonlySet<string>): ReadonlyArray<string> =>
  plan.nodes.filter((n) => selected.has(n.id)).flatMap((n) => {
    const s = lookup(storeRoot, n.kind, n.key)
    if (s.state !== "complete" || typeof s.manifest.summary.dead !== "number" || s.manifest.summary.dead === 0) return []
    fs.rmSync(path.join(entryDir(storeRoot, n.kind, n.key), MANIFEST), { force: true })
    return [n.id]
  })
