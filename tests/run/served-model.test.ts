// Server jobs through the local backend: ready on GET /v1/models, shared by students' users, cancelled after the last, failures described.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Effect, Exit, Fiber, Scope } from "effect"
import { describe, expect, it } from "vitest"
import { makeLocalBackend } from "../../src/backends/local.ts"
import { makeJobRunner } from "../../src/run/jobs.ts"
import { hostFromStdout, makeServerPool, wrapForHost, type ServerLaunch } from "../../src/run/served-model.ts"
import { openServedStudent } from "../../src/students/served-student.ts"

const standIn = path.resolve(import.meta.dirname, "../fixtures/serve/stand-in-server.mjs")
const alive = (pid: number) => { try { process.kill(pid, 0); return true } catch { return false } }
const waitFor = async (check: () => boolean, ms = 10_000) => {
  const until = Date.now() + ms
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
  return check()
}

const setup = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serve-pool-"))
  const events: Array<Record<string, unknown>> = []
  const event = (e: string, f?: Readonly<Record<string, unknown>>) => { events.push({ event: e, ...f }) }
  const runner = makeJobRunner({ backend: makeLocalBackend(), runDir: dir, ledger: new Map(), overrides: {}, threadsPerJob: 1, pollMs: 50, event })
  const pool = makeServerPool(runner, false)
  let port = 41_000 + Math.floor(Math.random() * 20_000)
  const launch = (extra: ReadonlyArray<string> = [], o: Partial<ServerLaunch> = {}): ServerLaunch => {
    const p = port++
    return {
      student: "base/t", node: { id: "serve/base/t", kind: "serve", key: "serve-k" }, command: process.execPath,
      args: [standIn, "--port", String(p), "--model", "m", "--pid-file", path.join(dir, "pid"), ...extra], cwd: dir, env: {},
      stdoutFile: path.join(dir, "serve.out"), stderrFile: path.join(dir, "serve.err"), declared: { gpus: 1 }, port: p,
      readyTimeoutMs: 15_000, event, ...o
    }
  }
  const pid = () => Number(fs.readFileSync(path.join(dir, "pid"), "utf8"))
  return { dir, events, pool, launch, pid }
}

describe("server pool", () => {
  it("starts one job for two users, answers once ready, and cancels it when the last user leaves", async () => {
    const { events, pool, launch, pid } = setup()
    const [a, b] = [Effect.runSync(Scope.make()), Effect.runSync(Scope.make())]
    const l = launch()
    const [sa, sb] = await Promise.all([Effect.runPromise(Scope.provide(a)(pool.acquire(l))), Effect.runPromise(Scope.provide(b)(pool.acquire(l)))])
    expect(sa.url).toBe(`http://127.0.0.1:${l.port}/v1`)
    expect(sb.url).toBe(sa.url)
    expect(sa.models).toEqual(["m"])
    expect(events.filter((e) => e.event === "job-submitted")).toHaveLength(1)
    expect(events.find((e) => e.event === "job-submitted")).toMatchObject({ node: "serve/base/t", resources: "1 cpu, 1 gpu" })
    const [g] = await openServedStudent({ baseUrl: sa.url, model: "m", chat: true }).generate(["What is 2 + 40?"], { maxNewTokens: 8, temperature: 0, seed: 0, stop: [], batchSize: 1 })
    expect(g!.text).toBe("The answer is \\boxed{40}")
    const server = pid()
    await Effect.runPromise(Scope.close(a, Exit.void))
    expect(alive(server)).toBe(true)
    await Effect.runPromise(Scope.close(b, Exit.void))
    expect(await waitFor(() => !alive(server))).toBe(true)
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(["serve-ready", "job-cancelled", "serve-stopped"]))
  }, 30_000)

  it("a server that dies is reported by `ended`, with the job's end", async () => {
    const { pool, launch, pid } = setup()
    const scope = Effect.runSync(Scope.make())
    const server = await Effect.runPromise(Scope.provide(scope)(pool.acquire(launch())))
    const ended = Effect.runFork(server.ended)
    process.kill(pid(), "SIGKILL")
    const exit = await Effect.runPromise(Fiber.await(ended))
    expect(Exit.isFailure(exit) && String(exit.cause)).toMatch(/the server job local-\d+-\d+ ended \(killed by SIGKILL\); its log: jobs\//)
    await Effect.runPromise(Scope.close(scope, Exit.void))
  }, 30_000)

  it("fails with the job's end when the command exits before it is ready, and on a ready timeout (then cancels it)", async () => {
    const { pool, launch, dir } = setup()
    const exits = launch([], { command: process.execPath, args: ["-e", "console.error('no GPU found'); process.exit(3)"] })
    const failed = await Effect.runPromise(Effect.flip(Effect.scoped(pool.acquire(exits))))
    expect(failed).toMatch(/stopped before it was ready: the server job local-\d+-\d+ ended \(exit code 3\)/)
    const silent = launch([], { command: process.execPath, args: ["-e", `require("fs").writeFileSync(${JSON.stringify(path.join(dir, "pid"))}, String(process.pid)); setInterval(() => {}, 1000)`], readyTimeoutMs: 1500 })
    const timedOut = await Effect.runPromise(Effect.flip(Effect.scoped(pool.acquire(silent))))
    expect(timedOut).toMatch(/did not answer GET \/v1\/models within 1.5 s .*ready_timeout_s/)
    const pid = Number(fs.readFileSync(path.join(dir, "pid"), "utf8"))
    expect(await waitFor(() => !alive(pid))).toBe(true)
  }, 30_000)

  it("on a detached backend the job prints its host and port first", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serve-host-"))
    const wrapped = wrapForHost("vllm", ["serve", "m", "--port", "9"])
    expect(wrapped.command).toBe("/bin/sh")
    expect(wrapped.args.slice(-5)).toEqual(["vllm", "serve", "m", "--port", "9"])
    const { execFileSync } = require("node:child_process") as typeof import("node:child_process")
    const out = execFileSync(wrapped.command, [...wrapped.args.slice(0, 3), "echo", "served"], { env: { ...process.env, DISTILL_SERVE_PORT: "8123" }, encoding: "utf8" })
    fs.writeFileSync(path.join(dir, "out"), `old line\n${out}`)
    expect(hostFromStdout(path.join(dir, "out"), 0)).toEqual({ host: expect.any(String), port: 8123 })
    expect(out.split("\n")[1]).toBe("served")
    expect(hostFromStdout(path.join(dir, "out"), 9 + out.length)).toBeUndefined()
  })
})
