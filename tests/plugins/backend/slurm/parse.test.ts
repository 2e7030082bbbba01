// The Slurm parsers and the state mapping, on output captured from a real Slurm (tests/fixtures/slurm).
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { isInvalidJobId, parseExitCode, parseSacct, parseSbatchParsable, parseScontrol, parseScontrolJob, parseSqueue } from "../../../../plugins/backend/slurm/parse.ts"
import { toJobState } from "../../../../plugins/backend/slurm/states.ts"
import { repoRoot } from "../../../support/cli.ts"

const fixture = (name: string) => fs.readFileSync(path.join(repoRoot, "tests/fixtures/slurm", name), "utf8")
const job = (name: string) => parseScontrolJob(fixture(name).trim())
const stateOf = (name: string) => {
  const j = job(name)
  return toJobState(j.JobId!, { state: j.JobState!, reason: j.Reason!, exitCode: j.ExitCode!, timeLimit: j.TimeLimit!, restarts: Number(j.Restarts) })
}

describe("slurm output parsers", () => {
  it("reads the job id sbatch --parsable prints, with or without a cluster name", () => {
    expect(parseSbatchParsable(fixture("sbatch-parsable.txt"))).toBe("22")
    expect(parseSbatchParsable("4711;gpu-cluster\n")).toBe("4711")
    expect(parseSbatchParsable(fixture("sbatch-bad-partition.stderr.txt"))).toBeUndefined()
    expect(parseSbatchParsable("")).toBeUndefined()
  })

  it("reads squeue rows: id, state, reason and restart count", () => {
    const rows = parseSqueue(fixture("squeue.txt"))
    expect(rows.map((r) => `${r.id}:${r.state}`)).toEqual([
      "24:CANCELLED", "22:COMPLETED", "26:COMPLETED", "23:FAILED", "25:FAILED", "27:FAILED", "30:PENDING", "29:RUNNING"])
    expect(rows.find((r) => r.id === "30")!.reason).toBe("BeginTime")
    expect(parseSqueue(fixture("squeue-requeued.txt"))).toEqual([{ id: "28", state: "PENDING", reason: "BeginTime", restarts: 1 }])
    expect(parseSqueue("")).toEqual([])
    expect(isInvalidJobId(fixture("squeue-invalid.stderr.txt"))).toBe(true)
  })

  it("reads scontrol show job -o lines, keeping ExitCode apart from DerivedExitCode-like keys", () => {
    const ok = job("scontrol-ok.txt")
    expect(ok.JobId).toBe("22")
    expect(ok.JobName).toBe("cap-ok")
    expect(ok.JobState).toBe("COMPLETED")
    expect(ok["CPUs/Task"]).toBe("1")
    expect(ok["AllocNode:Sid"]).toMatch(/^\S+:\d+$/)
    expect(ok.TRES).toBe("cpu=1,mem=100M,node=1,billing=1")
    expect(job("scontrol-failed.txt").ExitCode).toBe("3:0")
    expect(job("scontrol-timeout.txt").TimeLimit).toBe("00:01:00")
    const task = job("scontrol-array-task.txt")
    expect([task.ArrayJobId, task.ArrayTaskId, task.ExitCode]).toEqual(["25", "1", "1:0"])
    expect(parseScontrolJob("JobId=5 JobName=two words here JobState=RUNNING").JobName).toBe("two words here")
    expect(parseScontrol(fixture("scontrol-ok.txt") + fixture("scontrol-failed.txt")).map((j) => j.JobId)).toEqual(["22", "23"])
    expect(isInvalidJobId(fixture("scontrol-invalid.stderr.txt"))).toBe(true)
  })

  it("reads sacct -P rows and exit codes", () => {
    expect(parseSacct(fixture("sacct.txt"))).toEqual([
      { id: "22", state: "COMPLETED", exitCode: "0:0" }, { id: "23", state: "FAILED", exitCode: "3:0" },
      { id: "24", state: "CANCELLED", exitCode: "0:0" }, { id: "29", state: "TIMEOUT", exitCode: "0:0" }])
    expect(parseSacct("31|CANCELLED by 0|0:15\n31.batch|CANCELLED|0:15\n")).toEqual([{ id: "31", state: "CANCELLED", exitCode: "0:15" }])
    expect(parseExitCode("3:0")).toEqual({ code: 3, signal: 0 })
    expect(parseExitCode("")).toEqual({ code: null, signal: null })
  })

  it("maps every captured state to the backend contract", () => {
    expect(stateOf("scontrol-ok.txt")).toEqual({ state: "succeeded" })
    expect(stateOf("scontrol-running.txt")).toEqual({ state: "running" })
    expect(stateOf("scontrol-pending.txt")).toEqual({ state: "queued", reason: "BeginTime" })
    expect(stateOf("scontrol-requeued.txt")).toEqual({ state: "requeued", reason: "BeginTime" })
    expect(stateOf("scontrol-cancelled.txt").state).toBe("cancelled")
    expect(stateOf("scontrol-failed.txt")).toEqual({ state: "failed", exitCode: 3, message: "Slurm job 23 failed (exit code 3), reason NonZeroExitCode" })
    expect(stateOf("scontrol-timeout.txt")).toEqual({ state: "timeout", message: "Slurm job 29 exceeded its time limit of 00:01:00" })
    expect(toJobState("9", { state: "OUT_OF_MEMORY", exitCode: "0:125" })).toMatchObject({ state: "failed", message: expect.stringMatching(/out of memory/) })
    expect(toJobState("9", { state: "PREEMPTED" }).state).toBe("preempted")
    expect(toJobState("9", { state: "REQUEUED" }).state).toBe("requeued")
    expect(toJobState("9", { state: "NODE_FAIL" }).state).toBe("failed")
  })
})
