// Shared rate-limit windows on disk: state survives the cell, limits changed in between are adopted.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { fileCell, limitsDir, windowFile } from "../../src/provider/window-file.ts"
import { admit, waitMs } from "../../src/provider/window-limiter.ts"

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), "window-"))
const run = <A>(e: Effect.Effect<A>) => Effect.runPromise(e)

describe("file-backed windows", () => {
  it("a second cell on the same file (a re-run) sees the starts of the first", async () => {
    const file = windowFile(dir(), "openai|http://x|abc")
    const limits = { requestsPerMinute: 2, windowMs: 10_000 }
    await run(fileCell(file, limits).update(0, (s) => { admit(s, 0, 0); admit(s, 5_000, 0) }))
    expect(await run(fileCell(file, limits).update(6_000, (s) => waitMs(s, 6_000, 0)))).toBe(4_000)
    expect(fs.readFileSync(file, "utf8")).not.toContain("abc")
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes("lock") || f.endsWith(".tmp"))).toEqual([])
  })

  it("adopts new limits: keeps the most recent starts, caps the bucket", async () => {
    const file = windowFile(dir(), "k")
    await run(fileCell(file, { requestsPerMinute: 3, tokensPerMinute: 1_000, windowMs: 10_000 }).update(0, (s) => {
      admit(s, 0, 0)
      admit(s, 4_000, 0)
      admit(s, 8_000, 0)
    }))
    const tighter = { requestsPerMinute: 1, tokensPerMinute: 100, windowMs: 10_000 }
    const state = await run(fileCell(file, tighter).update(9_000, (s) => ({ ...s, starts: [...s.starts] })))
    expect(state.starts).toEqual([8_000])
    expect(state.bucket).toBeLessThanOrEqual(100)
    expect(await run(fileCell(file, tighter).update(9_000, (s) => waitMs(s, 9_000, 0)))).toBe(9_000)
  })

  it("lives in DISTILL_LIMITS_DIR when set, else in a per-user directory in memory or the temp directory", () => {
    expect(limitsDir({ DISTILL_LIMITS_DIR: "/x/y" })).toBe("/x/y")
    expect(path.dirname(limitsDir({}))).toBe(fs.existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir())
    expect(path.basename(limitsDir({}))).toMatch(/^distill-limits-/)
  })
})
