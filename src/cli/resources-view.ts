// The plan's resource section: which backend runs heavy nodes, and what each asks for (plugin declaration + site overrides).
import * as Effect from "effect/Effect"
import type { Resources } from "../backends/backend.ts"
import { formatResources, resolveResources } from "../backends/resources.ts"
import type { PlannableSpec } from "../plan/input.ts"
import type { Plan } from "../plan/node.ts"
import type { BackendChoice } from "../run/backend-choice.ts"
import { declaredResources, runsAsJob } from "../plugins/declared-resources.ts"
import type { SiteConfig } from "../run/site.ts"

/** Each heavy node's resources by node id, and one server job (`serve/<student>`) per student served by a command. */
export const heavyResources = (plan: Plan, spec: PlannableSpec, specDir: string, site: SiteConfig): Effect.Effect<Map<string, Resources>> =>
  Effect.gen(function*() {
    const out = new Map<string, Resources>()
    for (const n of plan.nodes.filter(runsAsJob)) {
      out.set(n.id, resolveResources(n, yield* declaredResources(n, spec, specDir), site.resources))
    }
    const serve = spec.evaluate?.serve
    if (serve?.command !== undefined) {
      for (const n of plan.nodes) {
        const student = n.kind === "decode" ? n.params.served?.student : undefined
        const id = `serve/${student}`
        if (student !== undefined && !out.has(id)) out.set(id, resolveResources({ id, kind: "serve" }, { gpus: serve.gpus ?? 1 }, site.resources))
      }
    }
    return out
  })

/** Lines for `distill plan`: the backend and where it was chosen, then one line per heavy node. */
export const renderResources = (resources: ReadonlyMap<string, Resources>, choice: BackendChoice, site: SiteConfig, limit = 400): string => {
  const from = choice.from === "site" ? `site file ${site.file}` : choice.from === "flag" ? "--backend" : choice.from === "spec" ? "the spec" : "default"
  const lines = ["", `backend: ${choice.ref.use} (${from}); resources of heavy nodes:`]
  const width = Math.min(60, Math.max(0, ...[...resources.keys()].map((k) => k.length)))
  for (const [id, r] of [...resources].slice(0, limit)) lines.push(`  ${id.padEnd(width)}  ${formatResources(r)}`)
  if (resources.size > limit) lines.push(`  ... ${resources.size - limit} more`)
  if (resources.size === 0) lines.push("  (none)")
  return lines.join("\n")
}
