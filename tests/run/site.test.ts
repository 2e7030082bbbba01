// Site files: where they are found, located errors, and how the backend is chosen from flag, site and spec.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { chooseBackend } from "../../src/run/backend-choice.ts"
import { loadSite, parseSite, siteFilePath } from "../../src/run/site.ts"

describe("site configuration", () => {
  it("is found by flag, then DISTILL_SITE, then the XDG config directory", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "site-"))
    expect(siteFilePath(undefined, { XDG_CONFIG_HOME: home })).toBeUndefined()
    fs.mkdirSync(path.join(home, "distill"))
    fs.writeFileSync(path.join(home, "distill", "site.yaml"), "backend: { use: slurm }\n")
    expect(siteFilePath(undefined, { XDG_CONFIG_HOME: home })).toBe(path.join(home, "distill", "site.yaml"))
    expect(siteFilePath(undefined, { XDG_CONFIG_HOME: home, DISTILL_SITE: "/x/s.yaml" })).toBe("/x/s.yaml")
    expect(siteFilePath("/y/s.yaml", { DISTILL_SITE: "/x/s.yaml" })).toBe("/y/s.yaml")
    const loaded = loadSite(undefined, { XDG_CONFIG_HOME: home })
    expect(loaded.ok && loaded.site.backend).toEqual({ use: "slurm" })
    const missing = loadSite(undefined, { DISTILL_SITE: path.join(home, "nope.yaml") })
    expect(!missing.ok && missing.message).toMatch(/nope\.yaml: no such site file \(named by DISTILL_SITE\)/)
  })

  it("reads backend and resources, and says where a value is wrong", () => {
    const ok = parseSite("/s/site.yaml", "backend:\n  use: slurm\n  with: { partition: gpu }\nresources:\n  train: { cpus: 8, memory: 32G }\n")
    expect(ok).toEqual({ ok: true, site: { file: "/s/site.yaml", backend: { use: "slurm", with: { partition: "gpu" } }, resources: { train: { cpus: 8, memory: "32G" } } } })
    expect(parseSite("/s/site.yaml", "# nothing yet\n")).toEqual({ ok: true, site: { file: "/s/site.yaml", resources: {} } })
    const bad = parseSite("/s/site.yaml", "resources:\n  train:\n    cpus: many\n")
    expect(!bad.ok && bad.message).toMatch(/site\.yaml:3:11: \/resources\/train\/cpus: must be a whole number \(got "many"\)/)
    const unknown = parseSite("/s/site.yaml", "resources:\n  train: { gpu: 1 }\n")
    expect(!unknown.ok && unknown.message).toMatch(/site\.yaml:2:\d+: .*gpu/)
    const mem = parseSite("/s/site.yaml", "resources:\n  train: { memory: lots }\n")
    expect(!mem.ok && mem.message).toMatch(/site\.yaml:2:3: \/resources\/train: unreadable memory 'lots'/)
  })

  it("chooses the backend: flag, then site, then spec, then local", () => {
    const site = { resources: {}, backend: { use: "slurm", with: { account: "lab" } } }
    const spec = { use: "local" }
    expect(chooseBackend(undefined, { resources: {} }, undefined)).toEqual({ ref: { use: "local" }, from: "default" })
    expect(chooseBackend(undefined, { resources: {} }, spec)).toEqual({ ref: spec, from: "spec" })
    expect(chooseBackend(undefined, site, spec)).toEqual({ ref: site.backend, from: "site" })
    expect(chooseBackend("local", site, spec)).toEqual({ ref: spec, from: "flag" })
    expect(chooseBackend("slurm", site, undefined)).toEqual({ ref: site.backend, from: "flag" })
    expect(chooseBackend("slurm", { resources: {} }, undefined)).toEqual({ ref: { use: "slurm" }, from: "flag" })
  })
})
