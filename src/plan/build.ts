// The planner: a pure function from a resolved spec to a DAG of typed, keyed step nodes.
import type { Plan } from "./node.ts"
import type { PlanFacts, PlannableSpec, ResolvedPlugin } from "./input.ts"
import { REPORT_FORMAT_VERSION } from "../report/version.ts"
import { nodeCollector } from "./draft.ts"
import { planDataSide } from "./data-nodes.ts"
import { planStudentSide } from "./student-nodes.ts"

/** Builds the plan. Pure: the same spec and facts always give the same nodes and keys. */
export const buildPlan = (spec: PlannableSpec, facts: PlanFacts = {}): Plan => {
  const c = nodeCollector()
  const plugin = (pointer: string): ResolvedPlugin => {
    const p = spec.plugins[pointer]
    if (p === undefined) throw new Error(`resolved spec has no plugin at ${pointer}`)
    return p
  }
  planDataSide(spec, facts, plugin, c)
  planStudentSide(spec, facts, plugin, c)
  const deps = Object.fromEntries(c.nodes.map((n) => [n.id, n.id]))
  const report = spec.report ?? {}
  const expected = spec.expected ?? []
  c.add({ id: "report", kind: "report",
    keyParams: { report, expected, name: spec.name, description: spec.description ?? null, format: REPORT_FORMAT_VERSION },
    params: { report, expected }, deps, resource: "light" })
  const gpu = facts.students?.gpu
  return { experiment: spec.name, nodes: c.nodes, ...(gpu !== undefined && c.nodes.some((n) => n.estimate.gpuHours !== undefined) ? { gpu } : {}) }
}
