// Why a node will run: the differences between its key parts now and in the previous run's plan.
import type { Plan, PlanNode } from "../plan/node.ts"
import { canonicalJson } from "../plan/keys.ts"
import type { NodeState } from "./node-status.ts"

/** Paths (JSON-pointer style) where two values differ, with both sides. */
export const diffValues = (a: unknown, b: unknown, at = ""): Array<{ path: string; before: unknown; after: unknown }> => {
  if (canonicalJson(a) === canonicalJson(b)) return []
  const isObj = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v)
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort()
    return keys.flatMap((k) => diffValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}/${k}`))
  }
  return [{ path: at || "/", before: a, after: b }]
}

/** Lines explaining the state of `id`. */
export const explainNode = (plan: Plan, previous: Plan | undefined, states: ReadonlyMap<string, NodeState>, id: string): string[] => {
  const node = plan.nodes.find((n) => n.id === id)!
  const state = states.get(id)
  const lines = [`${id} [${state}] key ${node.key}`]
  if (state === "cached") return [...lines, "cached: the store holds a complete, verified entry for this key; it will not run"]
  if (state === "partial") lines.push("a partial entry exists (crash or kill): the node will resume from its checkpoint")
  if (state === "corrupted") lines.push("the stored entry failed its hash check: it will be recomputed")
  const before: PlanNode | undefined = previous?.nodes.find((n) => n.id === id)
  if (before === undefined) return [...lines, "no earlier run planned this node: it has never been computed under any key"]
  if (before.key === node.key) return [...lines, "same key as the previous run, which did not finish it (failed, interrupted or skipped)"]
  const show = (v: unknown) => JSON.stringify(v) ?? "(absent)"
  const a = before.keyParts
  const b = node.keyParts
  if (a.version !== b.version) lines.push(`key format version changed: ${a.version} -> ${b.version}`)
  if (canonicalJson(a.plugin) !== canonicalJson(b.plugin)) lines.push(`plugin changed: ${show(a.plugin)} -> ${show(b.plugin)}`)
  for (const d of diffValues(a.params, b.params)) lines.push(`parameter ${d.path}: ${show(d.before)} -> ${show(d.after)}`)
  for (const role of [...new Set([...Object.keys(a.upstream), ...Object.keys(b.upstream)])].sort()) {
    if (a.upstream[role] === b.upstream[role]) continue
    const depId = node.deps[role] ?? before.deps[role]
    lines.push(`upstream ${role} (${depId}) changed: ${a.upstream[role]?.slice(0, 10) ?? "none"} -> ${b.upstream[role]?.slice(0, 10) ?? "none"}` +
      (depId !== undefined && plan.nodes.some((n) => n.id === depId) ? `; run 'explain' on ${depId} for why` : ""))
  }
  return lines
}
