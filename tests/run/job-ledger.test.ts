// The ledger of open jobs: the last submission per node key, closed by its own job-ended only.
import { describe, expect, it } from "vitest"
import { openJobs } from "../../src/run/job-ledger.ts"

describe("open jobs from run logs", () => {
  it("keeps the last unfinished submission per key across runs", () => {
    const open = openJobs([
      { runDir: "/r/1", events: [
        { event: "job-submitted", node: "train/a", key: "ka", backend: "slurm", job: "10", stdout_offset: 0 },
        { event: "job-submitted", node: "train/b", key: "kb", backend: "slurm", job: "11", stdout_offset: 0 },
        { event: "job-ended", node: "train/b", key: "kb", job: "11" },
        { event: "job-submitted", node: "train/c", key: "kc", backend: "slurm", job: "12", stdout_offset: 0 }
      ] },
      { runDir: "/r/2", events: [
        { event: "job-ended", node: "train/c", key: "kc", job: "12" },
        { event: "job-submitted", node: "train/c", key: "kc", backend: "slurm", job: "13", stdout_offset: 512 },
        { event: "job-ended", node: "train/a", key: "ka", job: "99" },
        { event: "node-done", node: "train/a" }
      ] }
    ])
    expect([...open.keys()].sort()).toEqual(["ka", "kc"])
    expect(open.get("ka")).toEqual({ node: "train/a", key: "ka", backend: "slurm", job: "10", stdoutOffset: 0, runDir: "/r/1", detached: true })
    expect(open.get("kc")).toMatchObject({ job: "13", stdoutOffset: 512, runDir: "/r/2" })
  })

  it("treats an attach as the job's new record", () => {
    const open = openJobs([{ runDir: "/r/3", events: [
      { event: "job-submitted", key: "k", node: "n", backend: "slurm", job: "5" },
      { event: "job-attached", key: "k", node: "n", backend: "slurm", job: "5", stdout_offset: 0 }
    ] }])
    expect(open.get("k")?.runDir).toBe("/r/3")
    expect(openJobs([{ runDir: "/r/4", events: [{ event: "job-submitted", key: "k" }] }]).size).toBe(0)
    const local = openJobs([{ runDir: "/r/5", events: [{ event: "job-submitted", key: "k", node: "n", backend: "local", job: "local-1-1", detached: false }] }])
    expect(local.get("k")?.detached).toBe(false)
  })
})
