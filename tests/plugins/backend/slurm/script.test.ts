// Rendering of the batch script: directives from resources and the plugin's defaults, quoting, and refused values.
import { describe, expect, it } from "vitest"
import { renderBatchScript, shellQuote, type SlurmConfig } from "../../../../plugins/backend/slurm/script.ts"
import type { JobSpec } from "../../../../src/plugins/index.ts"

const config: SlurmConfig = { setup: ["module load cuda/12"], sbatch_args: ["--exclusive"], requeue: true, command_timeout_s: 60, account: "lab", qos: "normal" }
const job: JobSpec = {
  name: "train/long/s/sft/s1", command: "/usr/bin/python3", args: ["-m", "distill_torch", "/store/train/ab/job.json"],
  cwd: "/store/train/ab", env: { DISTILL_THREADS: "8", NOTE: "it's here" },
  stdoutFile: "/store/train/ab/train.events.jsonl", stderrFile: "/store/train/ab/train.stderr.log",
  resources: { cpus: 8, gpus: 2, gpuType: "a100", memoryMb: 32768, timeLimitMinutes: 1500, partition: "gpu", constraint: "ib" }
}

describe("slurm batch script", () => {
  it("writes every resource as a directive, the job's own values over the plugin's defaults", () => {
    expect(renderBatchScript(job, config)).toBe(`#!/bin/bash
#SBATCH --job-name=distill:train/long/s/sft/s1
#SBATCH --output=/store/train/ab/train.events.jsonl
#SBATCH --error=/store/train/ab/train.stderr.log
#SBATCH --open-mode=append
#SBATCH --chdir=/store/train/ab
#SBATCH --nodes=1
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=8
#SBATCH --gres=gpu:a100:2
#SBATCH --mem=32768M
#SBATCH --time=1-01:00:00
#SBATCH --partition=gpu
#SBATCH --account=lab
#SBATCH --qos=normal
#SBATCH --constraint=ib
#SBATCH --requeue
#SBATCH --exclusive
# node train/long/s/sft/s1, submitted by distill; stdout and stderr are appended to across requeues
unset DISTILL_PARENT_PID
export DISTILL_THREADS=8
export NOTE='it'\\''s here'
module load cuda/12
exec /usr/bin/python3 -m distill_torch /store/train/ab/job.json
`)
  })

  it("leaves out what is not asked for, escapes % in output paths and refuses whitespace", () => {
    const plain = renderBatchScript({ ...job, stdoutFile: "/s/100%.out", resources: { cpus: 1, gpus: 0 } }, { setup: [], sbatch_args: [], requeue: false, command_timeout_s: 60 })
    expect(plain).not.toMatch(/--gres|--mem|--time|--partition|--account/)
    expect(plain).toContain("#SBATCH --output=/s/100%%.out")
    expect(plain).toContain("#SBATCH --no-requeue")
    expect(() => renderBatchScript({ ...job, cwd: "/my store/x" }, config)).toThrow(/--chdir.*whitespace/)
    expect(() => renderBatchScript(job, { ...config, sbatch_args: ["exclusive"] })).toThrow(/not one sbatch option/)
    expect(shellQuote("a b")).toBe("'a b'")
  })
})
