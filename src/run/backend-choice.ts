// Which backend a run uses: the --backend flag, else the site file's, else the spec's `backend:`, else local.
import type { PluginRef } from "../plugins/host.ts"
import type { SiteConfig } from "./site.ts"

/** The chosen backend and where the choice came from (shown in the plan and in the run's log). */
export interface BackendChoice {
  readonly ref: PluginRef
  readonly from: "flag" | "site" | "spec" | "default"
}

/**
 * Chooses the backend. A flag naming the same plugin as the site file (or the spec) takes that file's `with:`;
 * the spec's choice is a default any site or flag overrides, so one spec runs on a laptop and on a cluster.
 */
export const chooseBackend = (flag: string | undefined, site: SiteConfig, spec: PluginRef | undefined): BackendChoice => {
  if (flag !== undefined) {
    const same = [site.backend, spec].find((r) => r?.use === flag)
    return { ref: same ?? { use: flag }, from: "flag" }
  }
  if (site.backend !== undefined) return { ref: site.backend, from: "site" }
  if (spec !== undefined) return { ref: spec, from: "spec" }
  return { ref: { use: "local" }, from: "default" }
}
