// The pipeline on a real one-node Slurm: training, sampling and decoding through sbatch equal the local backend; kill -9 and re-attach; scancel; cancel.
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { hasTorch } from "../students/train-fixture.ts"
import { distill, distillAsync } from "../support/cli.ts"
import { hasSlurm, slurmSkipReason } from "../support/slurm.ts"

const writeSpec = (dir: string, name: string, train: string) => {
  const file = path.join(dir, `${name}.yaml`)
  fs.writeFileSync(file, `name: ${name}
seed: 1
data:
  train: { use: synthetic, with: { count: 60, steps: [1, 2], split: train } }
  eval:
    test: { use: synthetic, with: { count: 12, steps: [1, 2], split: test } }
teachers:
  long: { use: synthetic-solver, with: { style: long } }
  short: { use: synthetic-solver, with: { style: short } }
judge: { use: math }
mixes:
  long: { long: 1 }
  short: { short: 1 }
students:
  family: tiny
  sizes: [micro]
  size_config:
    micro: { d_model: 32, n_layers: 1, n_heads: 2, d_ff: 64, max_len: 256 }
train: ${train}
evaluate: { max_new_tokens: 40, batch_size: 12 }
`)
  return file
}

const site = (dir: string) => {
  const file = path.join(dir, "site.yaml")
  fs.writeFileSync(file, "backend:\n  use: slurm\n  with: { requeue: false, poll_interval_s: 1 }\nresources:\n  train: { cpus: 2, memory: 1G, time: \"00:20:00\" }\n  decode: { cpus: 1, time: \"00:10:00\" }\n")
  return file
}

/** A site file that only says how often to poll Slurm; `--backend slurm` then takes its settings. */
const pollingSite = (dir: string) => {
  const file = path.join(dir, "polling.yaml")
  fs.writeFileSync(file, "backend: { use: slurm, with: { poll_interval_s: 1 } }\n")
  return file
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const lines = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter((l) => l.startsWith("{")) : [])
const runEvents = (dir: string, experiment: string) => fs.globSync(path.join(dir, "runs", `${experiment}-*`, "*/events.jsonl")).sort()
  .map((f) => lines(f).map((l) => JSON.parse(l) as { event: string; node?: string; job?: string; state?: string; message?: string }))
const allEvents = (dir: string, experiment: string) => runEvents(dir, experiment).flat()

/** Slurm's own count of the jobs whose working directory lies under `dir` (every job the test submitted). */
const slurmJobsUnder = (dir: string): Array<{ id: string; state: string; workdir: string }> => {
  const r = spawnSync("squeue", ["-h", "-t", "all", "-o", "%i|%T|%Z"], { encoding: "utf8" })
  return r.stdout.split("\n").filter((l) => l.includes("|")).map((l) => l.split("|"))
    .map(([id, state, workdir]) => ({ id: id!, state: state!, workdir: workdir! })).filter((j) => j.workdir.startsWith(dir))
}

const waitFor = async (what: string, check: () => boolean, ms = 240_000) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(100)
  }
}

/** The job-submitted events of a run directory, counted by node kind. */
const submittedByKind = (events: ReadonlyArray<{ event: string; node?: string }>) => {
  const out: Record<string, number> = {}
  for (const e of events) if (e.event === "job-submitted") out[e.node!.split("/")[0]!] = (out[e.node!.split("/")[0]!] ?? 0) + 1
  return out
}

/** A store's per-sample logs of one node kind, by node key: the same keys on both backends, so the same files. */
const logsByKey = (dir: string, kind: string, file: string) =>
  Object.fromEntries(fs.globSync(path.join(dir, `runs/store/${kind}/*/${file}`)).map((f) => [path.basename(path.dirname(f)), fs.readFileSync(f, "utf8")]))

const cells = (dir: string) => {
  const file = fs.globSync(path.join(dir, "runs/store/report/*/report/results.json"))[0]!
  return (JSON.parse(fs.readFileSync(file, "utf8")).cells as Array<{ mix: string; evalSet: string; accuracy: number; n: number }>)
    .map((c) => `${c.mix}/${c.evalSet}: ${c.accuracy} of ${c.n}`).sort()
}

describe.skipIf(!hasSlurm || !hasTorch)(`the pipeline on a real Slurm (needs torch and Slurm)${slurmSkipReason}`, () => {
  it("trains through sbatch with the site file's backend, and the results equal the local backend's", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slurm-e2e-"))
    const train = "{ method: sft, epochs: 1, batch_size: 16, max_len: 256 }"
    const r = distill(["run", writeSpec(dir, "slurm-equal", train)], { DISTILL_RUNS: path.join(dir, "runs"), DISTILL_SITE: site(dir) })
    expect(r.status, r.stderr + r.stdout).toBe(0)
    expect(r.stdout).toMatch(/(\d+) nodes: \1 executed, 0 cached, 0 failed/)
    const jobs = slurmJobsUnder(dir)
    expect(jobs.map((j) => j.state)).toEqual(["COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED"])
    const submitted = allEvents(dir, "slurm-equal").filter((e) => e.event === "job-submitted")
    expect(submitted.map((e) => e.job).sort()).toEqual(jobs.map((j) => j.id).sort())
    expect(submittedByKind(submitted)).toEqual({ train: 2, decode: 2 })
    const jobOf = (node: string) => submitted.find((e) => e.node === node)!.job!
    const asked = spawnSync("scontrol", ["show", "job", "-o", jobOf("train/long/micro/sft/s1")], { encoding: "utf8" }).stdout
    expect(asked).toMatch(/ TimeLimit=00:20:00 /)
    expect(asked).toMatch(/ NumCPUs=2 /)
    expect(asked).toMatch(/ MinMemoryNode=1G /)
    const decodeAsked = spawnSync("scontrol", ["show", "job", "-o", jobOf("decode/long/micro/sft/s1/test")], { encoding: "utf8" }).stdout
    expect(decodeAsked, "the decode job: the trainer's declaration (4G), the site's cpus and time").toMatch(/ TimeLimit=00:10:00 .* NumCPUs=1 .* MinMemoryNode=4G /)
    expect(fs.globSync(path.join(dir, "runs/store/decode/*/decode.events.sbatch"))).toHaveLength(2)
    const plan = distill(["plan", path.join(dir, "slurm-equal.yaml")], { DISTILL_RUNS: path.join(dir, "runs"), DISTILL_SITE: site(dir) })
    expect(plan.stdout).toMatch(/backend: slurm \(site file .*site\.yaml\); resources of heavy nodes:\n/)
    expect(plan.stdout).toMatch(/\n\s+train\/long\/micro\/sft\/s1\s+2 cpus, 0 gpus, mem 1G, time 00:20:00\n/)
    expect(plan.stdout).toMatch(/\n\s+decode\/long\/micro\/sft\/s1\/test\s+1 cpu, 0 gpus, mem 4G, time 00:10:00\n/)

    const local = fs.mkdtempSync(path.join(os.tmpdir(), "local-e2e-"))
    const l = distill(["run", writeSpec(local, "slurm-equal", train)], { DISTILL_RUNS: path.join(local, "runs") })
    expect(l.status, l.stderr + l.stdout).toBe(0)
    expect(slurmJobsUnder(local)).toEqual([])
    expect(cells(dir)).toEqual(cells(local))
    const onnx = (root: string) => fs.globSync(path.join(root, "runs/store/train/*/out/*.onnx")).map((f) => fs.readFileSync(f).length).sort()
    expect(onnx(dir)).toEqual(onnx(local))
    const answers = logsByKey(dir, "decode", "answers.jsonl")
    expect(Object.keys(answers)).toHaveLength(2)
    expect(answers).toEqual(logsByKey(local, "decode", "answers.jsonl"))
    expect(submittedByKind(allEvents(local, "slurm-equal")), "the local backend runs the same jobs as child processes").toEqual({ train: 2, decode: 2 })
  }, 600_000)

  it("samples the SFT student for DPO and decodes every stage through sbatch, with the local backend's samples and results", () => {
    const train = "{ method: sft, max_steps: 30, batch_size: 8, max_len: 256, stages: [{ name: dpo, method: dpo, from: sft, samples: 2, max_steps: 8, batch_size: 4 }] }"
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slurm-stages-"))
    const r = distill(["run", writeSpec(dir, "slurm-stages", train)], { DISTILL_RUNS: path.join(dir, "runs"), DISTILL_SITE: site(dir) })
    expect(r.status, r.stderr + r.stdout).toBe(0)
    const submitted = allEvents(dir, "slurm-stages").filter((e) => e.event === "job-submitted")
    expect(submittedByKind(submitted)).toEqual({ train: 4, sample: 2, decode: 4 })
    expect(slurmJobsUnder(dir).map((j) => j.id).sort()).toEqual(submitted.map((e) => e.job).sort())
    expect(slurmJobsUnder(dir).every((j) => j.state === "COMPLETED")).toBe(true)
    const samples = logsByKey(dir, "sample", "samples.jsonl")
    expect(Object.values(samples).map((t) => t.trim().split("\n").length)).toEqual([120, 120])

    const local = fs.mkdtempSync(path.join(os.tmpdir(), "local-stages-"))
    const l = distill(["run", writeSpec(local, "slurm-stages", train)], { DISTILL_RUNS: path.join(local, "runs") })
    expect(l.status, l.stderr + l.stdout).toBe(0)
    expect(samples).toEqual(logsByKey(local, "sample", "samples.jsonl"))
    expect(logsByKey(dir, "decode", "answers.jsonl")).toEqual(logsByKey(local, "decode", "answers.jsonl"))
    expect(cells(dir)).toEqual(cells(local))
  }, 600_000)

  it("re-attaches to a decode job after kill -9 of the coordinator and submits it once", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slurm-kill-decode-"))
    const file = writeSpec(dir, "slurm-kill-decode", "{ method: sft, max_steps: 20, batch_size: 8, max_len: 256 }")
    const env = { DISTILL_RUNS: path.join(dir, "runs"), DISTILL_SITE: pollingSite(dir) }
    const only = ["--only", "decode/long/micro/sft/s1/test", "--backend", "slurm"]
    const child = distillAsync(["run", file, ...only], env)
    await waitFor("the decode job submitted", () => allEvents(dir, "slurm-kill-decode").some((e) => e.event === "job-submitted" && e.node!.startsWith("decode/")))
    child.kill("SIGKILL")
    await new Promise((r) => child.once("exit", r))
    const decodeJob = allEvents(dir, "slurm-kill-decode").find((e) => e.event === "job-submitted" && e.node!.startsWith("decode/"))!.job!

    const again = distill(["run", file, ...only], env)
    expect(again.status, again.stderr + again.stdout).toBe(0)
    const [first, second] = runEvents(dir, "slurm-kill-decode")
    expect(submittedByKind(first!)).toEqual({ train: 1, decode: 1 })
    expect(second!.filter((e) => e.event === "job-submitted")).toHaveLength(0)
    expect(second!.filter((e) => e.event === "job-attached").map((e) => e.job)).toEqual([decodeJob])
    expect(second!.some((e) => e.event === "node-done" && e.node === "decode/long/micro/sft/s1/test")).toBe(true)
    expect(slurmJobsUnder(dir).map((j) => j.state)).toEqual(["COMPLETED", "COMPLETED"])
    const answers = Object.values(logsByKey(dir, "decode", "answers.jsonl"))[0]!.trim().split("\n").map((l) => JSON.parse(l) as { sampleId: string })
    expect(answers).toHaveLength(12)
    expect(new Set(answers.map((a) => a.sampleId)).size).toBe(12)
  }, 600_000)

  it("re-attaches after kill -9 of the coordinator: collects the job that finished, follows the one still in the queue, submits neither twice", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slurm-kill-"))
    const file = writeSpec(dir, "slurm-kill", "{ method: sft, epochs: 12, batch_size: 4, max_len: 256, checkpoint_every: 20 }")
    const env = { DISTILL_RUNS: path.join(dir, "runs"), DISTILL_SITE: pollingSite(dir) }
    const only = ["--only", "train/long/micro/sft/s1", "--only", "train/short/micro/sft/s1", "--backend", "slurm"]
    const child = distillAsync(["run", file, ...only], env)
    await waitFor("both jobs submitted and one running", () => {
      const ev = allEvents(dir, "slurm-kill")
      return ev.filter((e) => e.event === "job-submitted").length === 2 && ev.some((e) => e.event === "job-state" && e.state === "running")
    })
    child.kill("SIGKILL")
    await new Promise((r) => child.once("exit", r))
    expect(slurmJobsUnder(dir).map((j) => j.state).sort()).toEqual(["PENDING", "RUNNING"])
    const held = slurmJobsUnder(dir).find((j) => j.state === "PENDING")!.id
    const status = distill(["status", file], env).stdout
    expect(status.match(/job \d+ on slurm, submitted by run \S+, not seen to end/g), status).toHaveLength(2)
    expect(spawnSync("scontrol", ["hold", held]).status, "hold the queued job so it is still queued at the re-run").toBe(0)
    await waitFor("the running job to finish in Slurm while no coordinator runs", () => slurmJobsUnder(dir).some((j) => j.state === "COMPLETED"))

    const again = distillAsync(["run", file, ...only], env)
    let out = ""
    again.stderr!.on("data", (d) => { out += String(d) })
    await waitFor("both jobs re-attached", () => (runEvents(dir, "slurm-kill")[1] ?? []).filter((e) => e.event === "job-attached").length === 2)
    expect(spawnSync("scontrol", ["release", held]).status).toBe(0)
    expect(await new Promise((r) => again.once("exit", r)), out).toBe(0)
    const [first, second] = runEvents(dir, "slurm-kill")
    expect(first!.filter((e) => e.event === "job-submitted")).toHaveLength(2)
    expect(second!.filter((e) => e.event === "job-submitted")).toHaveLength(0)
    const attached = second!.filter((e) => e.event === "job-attached")
    expect(attached.map((e) => `${e.job}:${e.state}`).sort()).toEqual(first!.filter((e) => e.event === "job-submitted")
      .map((e) => `${e.job}:${e.job === held ? "queued" : "succeeded"}`).sort())
    expect(attached.map((e) => e.job).sort()).toEqual(first!.filter((e) => e.event === "job-submitted").map((e) => e.job).sort())
    const jobs = slurmJobsUnder(dir)
    expect(jobs).toHaveLength(2)
    expect(jobs.every((j) => j.state === "COMPLETED")).toBe(true)
    expect(fs.globSync(path.join(dir, "runs/store/train/*/manifest.json"))).toHaveLength(2)
    expect(distill(["run", file, ...only], env).stdout).toMatch(/0 executed/)
  }, 600_000)

  it("resumes a requeued job from its last checkpoint, in the same job", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slurm-requeue-"))
    const file = writeSpec(dir, "slurm-requeue", "{ method: sft, epochs: 20, batch_size: 4, max_len: 256, checkpoint_every: 10 }")
    const env = { DISTILL_RUNS: path.join(dir, "runs"), DISTILL_SITE: pollingSite(dir) }
    const child = distillAsync(["run", file, "--only", "train/long/micro/sft/s1", "--backend", "slurm"], env)
    const trainEvents = () => {
      const f = fs.globSync(path.join(dir, "runs/store/train/*/train.events.jsonl"))[0]
      return f === undefined ? [] : lines(f).map((l) => JSON.parse(l) as { event: string; step?: number; resumed_from_step?: number })
    }
    await waitFor("a checkpoint", () => trainEvents().some((e) => e.event === "checkpoint"))
    const job = allEvents(dir, "slurm-requeue").find((e) => e.event === "job-submitted")!.job!
    expect(spawnSync("scontrol", ["requeue", job]).status).toBe(0)
    const code = await new Promise<number | null>((r) => child.once("exit", r))
    expect(code).toBe(0)
    const starts = trainEvents().filter((e) => e.event === "start")
    expect(starts).toHaveLength(2)
    expect(starts[1]!.resumed_from_step).toBeGreaterThan(0)
    expect(trainEvents().filter((e) => e.event === "done")).toHaveLength(1)
    expect(allEvents(dir, "slurm-requeue").filter((e) => e.event === "job-submitted")).toHaveLength(1)
    expect(slurmJobsUnder(dir).map((j) => j.state)).toEqual(["COMPLETED"])
  }, 600_000)

  it("fails the node whose job is scancelled, finishes the unrelated branch, and status shows the job's log", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slurm-scancel-"))
    const file = writeSpec(dir, "slurm-scancel", "{ method: sft, epochs: 12, batch_size: 4, max_len: 256 }")
    const env = { DISTILL_RUNS: path.join(dir, "runs"), DISTILL_SITE: site(dir) }
    const child = distillAsync(["run", file], env)
    let stdout = ""
    child.stdout!.on("data", (d) => { stdout += String(d) })
    let victim: string | undefined
    await waitFor("the long mix's training job", () => {
      victim = allEvents(dir, "slurm-scancel").find((e) => e.event === "job-submitted" && e.node === "train/long/micro/sft/s1")?.job
      return victim !== undefined
    })
    expect(spawnSync("scancel", [victim!]).status).toBe(0)
    const code = await new Promise<number | null>((r) => child.once("exit", r))
    expect(code, stdout).toBe(1)
    const ev = allEvents(dir, "slurm-scancel")
    const failed = ev.find((e) => e.event === "node-failed")!
    expect(failed.node).toBe("train/long/micro/sft/s1")
    expect(failed.message).toMatch(new RegExp(`Slurm job ${victim} was cancelled`))
    expect(ev.filter((e) => e.event === "node-failed")).toHaveLength(1)
    for (const n of ["train/short/micro/sft/s1", "grade/short/micro/sft/s1/test"]) expect(ev.some((e) => e.event === "node-done" && e.node === n), n).toBe(true)
    expect(stdout).toMatch(/1 failed/)
    const status = distill(["status", file], env)
    expect(status.stdout).toMatch(new RegExp(`job ${victim} on slurm: cancelled; log .*jobs/train_long_micro_sft_s1\\.${victim}\\.stderr\\.log`))
  }, 600_000)

  it("fails a node whose job runs past its time limit, saying so", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slurm-timeout-"))
    const file = writeSpec(dir, "slurm-timeout", "{ method: sft, epochs: 1000, batch_size: 4, max_len: 256 }")
    const siteFile = path.join(dir, "site.yaml")
    fs.writeFileSync(siteFile, "backend: { use: slurm, with: { poll_interval_s: 1 } }\nresources:\n  train/long/*: { time: 1 }\n")
    const env = { DISTILL_RUNS: path.join(dir, "runs"), DISTILL_SITE: siteFile }
    const r = distill(["run", file, "--only", "train/long/micro/sft/s1"], env)
    expect(r.status, r.stderr + r.stdout).toBe(1)
    const failed = allEvents(dir, "slurm-timeout").find((e) => e.event === "node-failed")!
    expect(failed.message).toMatch(/^trainer Slurm job \d+ exceeded its time limit of 00:01:00/)
    expect(allEvents(dir, "slurm-timeout").find((e) => e.event === "job-ended")!.state).toBe("timeout")
    expect(distill(["status", file], env).stdout).toMatch(/job \d+ on slurm: timeout; log /)
  }, 600_000)

  it("cancels the run's jobs with distill cancel, and with Ctrl-C", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slurm-cancel-"))
    const file = writeSpec(dir, "slurm-cancel", "{ method: sft, epochs: 40, batch_size: 4, max_len: 256 }")
    const env = { DISTILL_RUNS: path.join(dir, "runs"), DISTILL_SITE: site(dir) }
    const only = ["--only", "train/long/micro/sft/s1"]
    const submittedJobs = () => allEvents(dir, "slurm-cancel").filter((e) => e.event === "job-submitted").map((e) => e.job!)

    const first = distillAsync(["run", file, ...only], env)
    await waitFor("a submitted job", () => submittedJobs().length === 1)
    const c = distill(["cancel", file], env)
    expect(c.status, c.stderr).toBe(0)
    expect(c.stdout).toContain(`cancelled 1 slurm job(s) of slurm-cancel\n  train/long/micro/sft/s1: job ${submittedJobs()[0]}`)
    expect(await new Promise((r) => first.once("exit", r))).toBe(1)

    const second = distillAsync(["run", file, ...only], env)
    await waitFor("a second job running", () => submittedJobs().length === 2 &&
      slurmJobsUnder(dir).some((j) => j.id === submittedJobs()[1] && j.state === "RUNNING"))
    second.kill("SIGINT")
    await new Promise((r) => second.once("exit", r))
    await waitFor("Slurm to cancel the job", () => slurmJobsUnder(dir).find((j) => j.id === submittedJobs()[1])?.state === "CANCELLED", 30_000)
    expect(slurmJobsUnder(dir).map((j) => j.state)).toEqual(["CANCELLED", "CANCELLED"])
    expect(allEvents(dir, "slurm-cancel").some((e) => e.event === "job-cancelled" && e.job === submittedJobs()[1])).toBe(true)
  }, 600_000)
})
