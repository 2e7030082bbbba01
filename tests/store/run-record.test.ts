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
})
