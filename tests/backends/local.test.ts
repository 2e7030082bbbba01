// The local backend: child processes with output appended to files, polled together, cancelled together, foreign ids unknown.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { makeLocalBackend } from "../../src/backends/local.ts"
import type { JobSpec } from "../../src/backends/backend.ts"

const sh = (dir: string, name: string, script: string): JobSpec => ({
  name, command: "/bin/sh", args: ["-c", script], cwd: dir,
  stdoutFile: path.join(dir, `${name}.out`), stderrFile: path.join(dir, `${name}.err`), resources: { cpus: 1, gpus: 0 }
})
const settle = async (b: ReturnType<typeof makeLocalBackend>, ids: string[]) => {
  for (let i = 0; i < 200; i++) {
    const s = await Effect.runPromise(b.poll(ids))
    if ([...s.values()].every((x) => x.state !== "running")) return s
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error("jobs did not end")
}

describe("local backend", () => {
  it("runs, polls and cancels several jobs at once", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "local-backend-"))
    const b = makeLocalBackend()
    fs.writeFileSync(path.join(dir, "ok.out"), "before\n")
    const ok = await Effect.runPromise(b.submit(sh(dir, "ok", "echo after; exit 0")))
    const bad = await Effect.runPromise(b.submit(sh(dir, "bad", "exit 4")))
    const s = await settle(b, [ok, bad])
    expect(s.get(ok)).toEqual({ state: "succeeded" })
    expect(s.get(bad)).toEqual({ state: "failed", exitCode: 4, message: "exit code 4" })
    expect(fs.readFileSync(path.join(dir, "ok.out"), "utf8")).toBe("before\nafter\n")
    const a = await Effect.runPromise(b.submit(sh(dir, "a", "sleep 30")))
    const c = await Effect.runPromise(b.submit(sh(dir, "c", "sleep 30")))
    await Effect.runPromise(b.cancel([a, c]))
    const after = await settle(b, [a, c, "local-1-1"])
    expect([...after.values()].map((x) => x.state)).toEqual(["cancelled", "cancelled", "unknown"])
    expect(b.detached).toBe(false)
  })

  it("keeps credentials out of a job's environment unless the job inherits them by name", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "local-backend-env-"))
    const b = makeLocalBackend()
    process.env.LOCAL_TEST_API_KEY = "sk-local-test-123456"
    try {
      const plain = await Effect.runPromise(b.submit(sh(dir, "plain", "echo \"[$LOCAL_TEST_API_KEY]\"")))
      const named = await Effect.runPromise(b.submit({ ...sh(dir, "named", "echo \"[$LOCAL_TEST_API_KEY]\""), inheritEnv: ["LOCAL_TEST_API_KEY", "LOCAL_TEST_UNSET_KEY"] }))
      await settle(b, [plain, named])
    } finally {
      delete process.env.LOCAL_TEST_API_KEY
    }
    expect(fs.readFileSync(path.join(dir, "plain.out"), "utf8")).toBe("[]\n")
    expect(fs.readFileSync(path.join(dir, "named.out"), "utf8")).toBe("[sk-local-test-123456]\n")
  })
})
