// Run records: one folder per spec file's runs, with the redacted spec, the plan and the events.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { latestRun, openRunRecord, recordName } from "../../src/store/run-record.ts"

describe("run records", () => {
  it("two spec files sharing a name keep separate records; one file keeps its own across edits", () => {
    const runs = fs.mkdtempSync(path.join(os.tmpdir(), "records-"))
    const a = recordName({ name: "grid", file: "/work/a/spec.yaml" })
    const b = recordName({ name: "grid", file: "/work/b/spec.yaml" })
    expect(a).not.toBe(b)
    expect(a).toMatch(/^grid-[0-9a-f]{8}$/)
    expect(recordName({ name: "grid", file: "/work/a/spec.yaml" })).toBe(a)
    const ra = openRunRecord(runs, a, "name: grid\n", { nodes: [] })
    ra.close()
    expect(latestRun(runs, a)).toBe(ra.dir)
    expect(latestRun(runs, b)).toBeUndefined()
  })

  it("renders a spec given as a function once the event loop polls, or on close when that comes first", async () => {
    const runs = fs.mkdtempSync(path.join(os.tmpdir(), "records-"))
    let rendered = 0
    const text = () => { rendered++; return "name: later\n" }
    const r = openRunRecord(runs, "later-00000000", text, { nodes: [] })
    const file = path.join(r.dir, "spec.resolved.yaml")
    expect(rendered).toBe(0)
    expect(fs.existsSync(file)).toBe(false)
    expect(fs.existsSync(path.join(r.dir, "plan.json"))).toBe(true)
    await new Promise((resolve) => setImmediate(resolve))
    expect(fs.readFileSync(file, "utf8")).toBe("name: later\n")
    r.close()
    expect(rendered).toBe(1)
    const early = openRunRecord(runs, "early-00000000", () => "name: early\n", { nodes: [] })
    early.close()
    expect(fs.readFileSync(path.join(early.dir, "spec.resolved.yaml"), "utf8")).toBe("name: early\n")
    await new Promise((resolve) => setImmediate(resolve))
    expect(fs.readFileSync(path.join(early.dir, "spec.resolved.yaml"), "utf8")).toBe("name: early\n")
  })
})
