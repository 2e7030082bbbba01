// Sample logs: what a kill -9 keeps under the group commit, offsets of appended lines, torn tails, background syncs.
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { openSampleLog, readSampleLog } from "../../src/store/sample-log.ts"

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "sample-log-"))
const sampleLog = fileURLToPath(new URL("../../src/store/sample-log.ts", import.meta.url))

describe("sample log", () => {
  it("keeps every appended record when the process is killed with SIGKILL before any fsync", () => {
    const file = path.join(tmp(), "log.jsonl")
    const script = `
      const { openSampleLog } = await import(${JSON.stringify(sampleLog)})
      const log = openSampleLog(${JSON.stringify(file)}, { batch: 1e9, intervalMs: 3_600_000 })
      for (let i = 0; i < 500; i++) log.append({ i, text: "t".repeat(i) })
      process.kill(process.pid, "SIGKILL")`
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })
    expect(r.signal).toBe("SIGKILL")
    expect(readSampleLog<{ i: number }>(file).map((x) => x.i)).toEqual(Array.from({ length: 500 }, (_, i) => i))
  })

  it("returns the byte offset of each line, also after reopening a log with a torn tail", () => {
    const file = path.join(tmp(), "log.jsonl")
    const log = openSampleLog<{ s: string }>(file)
    const offsets = ["a", "ü€", "c"].map((s) => log.append({ s }))
    log.close()
    fs.appendFileSync(file, '{"s":"to')
    const again = openSampleLog<{ s: string }>(file)
    const last = again.append({ s: "d" })
    again.close()
    const buf = fs.readFileSync(file)
    expect([...offsets, last].map((o) => JSON.parse(buf.toString("utf8", o, buf.indexOf(0x0a, o))).s)).toEqual(["a", "ü€", "c", "d"])
  })

  it("syncs in the background while appending and closes cleanly with a sync in flight", async () => {
    const file = path.join(tmp(), "log.jsonl")
    const log = openSampleLog<{ i: number }>(file, { batch: 4, intervalMs: 1 })
    for (let i = 0; i < 50; i++) {
      log.append({ i })
      if (i % 7 === 0) await new Promise((r) => setTimeout(r, 2))
    }
    log.close()
    log.close()
    expect(readSampleLog<{ i: number }>(file)).toHaveLength(50)
    expect(() => log.append({ i: 51 })).toThrow()
  })
})
