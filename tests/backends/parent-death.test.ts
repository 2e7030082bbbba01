// Local jobs end when their coordinator is killed outright (kill -9), whatever the command; a missing command is named.
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { makeLocalBackend } from "../../src/backends/local.ts"
import { guarded, parentDeathGuard } from "../../src/backends/parent-death.ts"

const coordinatorScript = fileURLToPath(new URL("../fixtures/backends/coordinator.ts", import.meta.url))

/** Running and not a zombie (a reparented child may wait unreaped under a container's init). */
const alive = (pid: number): boolean => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z"
  } catch {
    return false
  }
}

const waitFor = async (check: () => boolean, ms: number): Promise<boolean> => {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return check()
}

describe.runIf(process.platform === "linux")("local jobs and a killed coordinator", () => {
  it("a job that ignores DISTILL_PARENT_PID gets SIGTERM once its coordinator is killed with SIGKILL", async () => {
    expect(parentDeathGuard()).toBeDefined()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parent-death-"))
    const pidFile = path.join(dir, "job.pid")
    const coordinator = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", coordinatorScript, dir], { stdio: "ignore" })
    try {
      expect(await waitFor(() => fs.existsSync(pidFile) && fs.readFileSync(pidFile, "utf8").trim() !== "", 20_000)).toBe(true)
      const job = Number(fs.readFileSync(pidFile, "utf8").trim())
      expect(alive(job)).toBe(true)
      coordinator.kill("SIGKILL")
      expect(await waitFor(() => !alive(job), 5_000)).toBe(true)
    } finally {
      coordinator.kill("SIGKILL")
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000)

  it("a command that cannot be run fails its job with a message naming it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parent-death-missing-"))
    const b = makeLocalBackend()
    const id = await Effect.runPromise(b.submit({ name: "missing", command: path.join(dir, "no-such-command"), args: [], cwd: dir,
      stdoutFile: path.join(dir, "m.out"), stderrFile: path.join(dir, "m.err"), resources: { cpus: 1, gpus: 0 } }))
    let state = (await Effect.runPromise(b.poll([id]))).get(id)!
    for (let i = 0; i < 100 && state.state === "running"; i++) {
      await new Promise((r) => setTimeout(r, 25))
      state = (await Effect.runPromise(b.poll([id]))).get(id)!
    }
    expect(state.state).toBe("failed")
    expect(state.state === "failed" ? state.message : "").toContain(path.join(dir, "no-such-command"))
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it("guarded puts the command after setpriv's options, and leaves it alone without a guard", () => {
    expect(guarded(undefined, "vllm", ["serve", "m"])).toEqual({ command: "vllm", args: ["serve", "m"] })
    expect(guarded({ command: "/usr/bin/setpriv", args: ["--pdeathsig=TERM", "--"] }, "vllm", ["serve", "m"]))
      .toEqual({ command: "/usr/bin/setpriv", args: ["--pdeathsig=TERM", "--", "vllm", "serve", "m"] })
  })
})
