// The slurm backend against the real cluster: submit, poll to each end state, cancel, and a time-limit overrun.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { makeSlurmBackend } from "../../../../plugins/backend/slurm/backend.ts"
import { execRunner } from "../../../../plugins/backend/slurm/commands.ts"
import type { BackendService, JobId, JobSpec, JobState } from "../../../../src/plugins/index.ts"
import { hasSlurm, slurmSkipReason } from "../../../support/slurm.ts"

const backend = () => makeSlurmBackend({ setup: [], sbatch_args: [], requeue: false, command_timeout_s: 30 }, execRunner(undefined, 30))
const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(e)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const shJob = (dir: string, name: string, script: string, minutes?: number): JobSpec => ({
  name, command: "/bin/sh", args: ["-c", script], cwd: dir, env: { GREETING: "hello slurm" },
  stdoutFile: path.join(dir, `${name}.out`), stderrFile: path.join(dir, `${name}.err`),
  resources: { cpus: 1, gpus: 0, memoryMb: 200, ...(minutes === undefined ? {} : { timeLimitMinutes: minutes }) }
})

const until = async (b: BackendService, id: JobId, done: (s: JobState) => boolean, seconds: number): Promise<JobState[]> => {
  const seen: JobState[] = []
  const end = Date.now() + seconds * 1000
  while (Date.now() < end) {
    const s = (await run(b.poll([id]))).get(id)!
    if (seen.at(-1)?.state !== s.state) seen.push(s)
    if (done(s)) return seen
    await sleep(300)
  }
  return seen
}

describe.skipIf(!hasSlurm)(`slurm backend on a real cluster${slurmSkipReason}`, () => {
  it("runs a job to success with its environment and output files, and fails one with its exit code", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slurm-live-"))
    const b = backend()
    const ok = await run(b.submit(shJob(dir, "ok", 'echo "$GREETING from $SLURM_JOB_ID"; echo oops >&2')))
    const bad = await run(b.submit(shJob(dir, "bad", "exit 7")))
    expect(ok).toMatch(/^\d+$/)
    const states = await until(b, ok, (s) => s.state === "succeeded", 60)
    expect(states.at(-1)).toEqual({ state: "succeeded" })
    expect(fs.readFileSync(path.join(dir, "ok.out"), "utf8")).toBe(`hello slurm from ${ok}\n`)
    expect(fs.readFileSync(path.join(dir, "ok.err"), "utf8")).toBe("oops\n")
    expect(fs.readFileSync(path.join(dir, "ok.sbatch"), "utf8")).toContain("#SBATCH --mem=200M")
    const failed = (await until(b, bad, (s) => s.state !== "queued" && s.state !== "running", 60)).at(-1)!
    expect(failed).toMatchObject({ state: "failed", exitCode: 7 })
    const both = await run(b.poll([ok, bad, "999999"]))
    expect([...both.values()].map((s) => s.state)).toEqual(["succeeded", "failed", "unknown"])
  })

  it("cancels running jobs, several at once", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slurm-live-"))
    const b = backend()
    const a = await run(b.submit(shJob(dir, "a", "sleep 300")))
    const c = await run(b.submit(shJob(dir, "c", "sleep 300")))
    expect((await until(b, a, (s) => s.state === "running", 60)).at(-1)!.state).toBe("running")
    await run(b.cancel([a, c]))
    for (const id of [a, c]) expect((await until(b, id, (s) => s.state === "cancelled", 30)).at(-1)!.state).toBe("cancelled")
    await run(b.cancel([a]))
  })

  it("reports a job that runs past its time limit as a timeout", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slurm-live-"))
    const b = backend()
    const id = await run(b.submit(shJob(dir, "slow", "sleep 600", 1)))
    const states = await until(b, id, (s) => s.state !== "queued" && s.state !== "running", 180)
    expect(states.map((s) => s.state)).toContain("running")
    expect(states.at(-1)).toEqual({ state: "timeout", message: `Slurm job ${id} exceeded its time limit of 00:01:00` })
  }, 240_000)

  it("says why sbatch refused a job", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slurm-live-"))
    const job = shJob(dir, "nowhere", "true")
    const exit = await Effect.runPromise(Effect.exit(backend().submit({ ...job, resources: { ...job.resources, partition: "no-such-partition" } })))
    expect(JSON.stringify(exit)).toMatch(/sbatch refused nowhere: .*Invalid partition name specified/)
  })
})
