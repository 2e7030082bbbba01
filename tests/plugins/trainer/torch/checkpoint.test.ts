// Verified checkpoints of the torch trainer: a damaged or unverifiable checkpoint is never resumed from.
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import type { TrainEvent, TrainJob } from "../../../../src/plugins/index.ts"
import { doneEvent, hasTorch, MICRO_SIZE, runJob, startEvent, tempDir, writeArithmetic } from "../../../students/train-fixture.ts"

const FAST = { DISTILL_PEAK_GFLOPS: "100" }
const HYPER = { epochs: 2, batch_size: 4, lr: 0.01, checkpoint_every: 10 }

/** Flips one byte in the middle of a file (still a plausible torch file more often than not). */
const damage = (file: string) => {
  const bytes = readFileSync(file)
  bytes[Math.floor(bytes.length / 2)] ^= 0x5a
  writeFileSync(file, bytes)
}

const rejected = (events: ReadonlyArray<TrainEvent>) =>
  events.flatMap((e) => (e.event === "checkpoint-rejected" ? [e] : []))

describe.skipIf(!hasTorch)("torch trainer checkpoints (needs a Python with torch)", () => {
  const dir = tempDir("torch-checkpoint")
  const trainFile = writeArithmetic(dir, 120)
  const job = (name: string): TrainJob => ({
    family: "tiny", size: "micro", sizeConfig: MICRO_SIZE, method: "sft", hyper: HYPER, seed: 5, trainFile, outputDir: join(dir, name)
  })
  const ckpt = (name: string) => join(dir, name, "checkpoint")
  /** Runs the job until its second checkpoint, then SIGKILLs it. */
  const killAtSecond = async (name: string) => {
    let seen = 0
    const run = await runJob(job(name), (e) => e.event === "checkpoint" && ++seen === 2, FAST)
    expect(run.signal).toBe("SIGKILL")
  }

  it("falls back to the older checkpoint when the newest fails its checksum, and ends as an uninterrupted run", async () => {
    const clean = doneEvent(await runJob(job("clean"), undefined, FAST))!
    await killAtSecond("fallback")
    const files = readdirSync(ckpt("fallback")).sort()
    expect(files).toEqual(["state-00000010.pt", "state-00000010.pt.sha256", "state-00000020.pt", "state-00000020.pt.sha256"])
    damage(join(ckpt("fallback"), "state-00000020.pt"))
    const resumed = await runJob(job("fallback"), undefined, FAST)
    expect(rejected(resumed.events)).toEqual([expect.objectContaining({
      path: join(ckpt("fallback"), "state-00000020.pt"), reason: expect.stringContaining("checksum mismatch"), fallback: "trying an older checkpoint"
    })])
    expect(startEvent(resumed)!.resumed_from_step).toBe(10)
    expect(doneEvent(resumed)!.metrics["final_loss"]).toBeCloseTo(clean.metrics["final_loss"]!, 9)
  })

  it("starts over when no checkpoint passes, or when only an unverifiable one is there", async () => {
    await killAtSecond("over")
    for (const f of ["state-00000010.pt", "state-00000020.pt"]) damage(join(ckpt("over"), f))
    const again = await runJob(job("over"), undefined, FAST)
    expect(rejected(again.events).map((e) => e.fallback)).toEqual(["trying an older checkpoint", "starting over"])
    expect(startEvent(again)!.resumed_from_step).toBe(0)
    expect(doneEvent(again)).toBeDefined()

    await killAtSecond("legacy")
    copyFileSync(join(ckpt("legacy"), "state-00000020.pt"), join(ckpt("legacy"), "state.pt"))
    for (const f of readdirSync(ckpt("legacy")).filter((f) => f.startsWith("state-"))) writeFileSync(join(ckpt("legacy"), f), "")
    const legacy = await runJob(job("legacy"), undefined, FAST)
    expect(rejected(legacy.events)[0]).toMatchObject({ path: join(ckpt("legacy"), "state.pt"), reason: expect.stringContaining("without a checksum") })
    expect(startEvent(legacy)!.resumed_from_step).toBe(0)
    expect(existsSync(join(ckpt("legacy"), "state.pt"))).toBe(false)
  })
})
