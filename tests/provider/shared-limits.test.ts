// Rate limits across processes, counted at a loopback server: concurrent runs and a kill -9 followed by an immediate re-run.
import { type ChildProcess, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { createInterface } from "node:readline"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Loopback, maxInWindow, startLoopback } from "../support/providers/loopback.ts"
import { openAiWire } from "../support/providers/openai-wire.ts"

const caller = path.join(import.meta.dirname, "../fixtures/provider/limited-caller.ts")
const WINDOW_MS = 3_000
const RPM = 4
/**
 * Allowance for event-loop and SDK delays between admission and arrival (see fault-scenario.test.ts),
 * sized for a loaded 2-core machine. Without shared windows the concurrent case puts twice the limit
 * into one window, and the re-run one request more.
 */
const JITTER_MS = 600

/** Starts a caller process and resolves once it is ready (SDK loaded), so its start-up time does not pace it. */
const startCaller = async (url: string, dir: string, prefix: string, count: number, go: string) => {
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", caller, url, dir, prefix, String(count), String(RPM), String(WINDOW_MS), go], { stdio: ["ignore", "pipe", "inherit"] })
  const lines = createInterface({ input: child.stdout! })
  const seen: string[] = []
  lines.on("line", (l) => seen.push(l))
  while (!seen.includes("ready")) {
    if (child.exitCode !== null) throw new Error("caller died before it was ready")
    await new Promise((r) => setTimeout(r, 10))
  }
  return { child, done: () => seen.includes("done") }
}

const exited = (c: ChildProcess) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once("exit", r)))

describe("rate limits shared through the store", () => {
  let server: Loopback
  beforeAll(async () => { server = await startLoopback(openAiWire(), { latencyMs: 5 }) })
  afterAll(() => server.close())
  const arrivals = (prefix: string) => server.requests.filter((r) => r.prompt.startsWith(prefix)).map((r) => r.at)

  it("two concurrent processes on one store stay within the limit together", async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "limits-"))
    const go = path.join(work, "go")
    const a = await startCaller(server.url, path.join(work, "limits"), "both-a", 6, go)
    const b = await startCaller(server.url, path.join(work, "limits"), "both-b", 6, go)
    fs.writeFileSync(go, "")
    await Promise.all([exited(a.child), exited(b.child)])
    expect(a.done() && b.done()).toBe(true)
    const times = [...arrivals("both-a"), ...arrivals("both-b")]
    expect(times.length).toBe(12)
    expect(maxInWindow(times, WINDOW_MS - JITTER_MS)).toBeLessThanOrEqual(RPM)
  }, 60_000)

  it("a run killed with SIGKILL and re-run at once does not get a fresh window", async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "limits-"))
    const dir = path.join(work, "limits")
    const first = await startCaller(server.url, dir, "kill-1", 20, path.join(work, "go1"))
    const second = await startCaller(server.url, dir, "kill-2", 4, path.join(work, "go2"))
    fs.writeFileSync(path.join(work, "go1"), "")
    while (arrivals("kill-1").length < RPM) await new Promise((r) => setTimeout(r, 2))
    first.child.kill("SIGKILL")
    await exited(first.child)
    fs.writeFileSync(path.join(work, "go2"), "")
    await exited(second.child)
    expect(second.done()).toBe(true)
    const times = [...arrivals("kill-1"), ...arrivals("kill-2")]
    expect(arrivals("kill-2").length).toBe(4)
    expect(maxInWindow(times, WINDOW_MS - JITTER_MS)).toBeLessThanOrEqual(RPM)
  }, 60_000)
})
