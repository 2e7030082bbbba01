// Pure rendering of a job as a Slurm batch script: #SBATCH directives from its resources, then its environment and command.
import type { JobSpec } from "../../../src/plugins/index.ts"
import { formatTime } from "../../../src/backends/resources.ts"

/** The plugin's validated `with:` block. */
export interface SlurmConfig {
  readonly partition?: string
  readonly account?: string
  readonly qos?: string
  readonly constraint?: string
  readonly setup: ReadonlyArray<string>
  readonly sbatch_args: ReadonlyArray<string>
  readonly requeue: boolean
  readonly bin_dir?: string
  readonly command_timeout_s: number
  readonly poll_interval_s?: number
}

/** A value that cannot be written into an #SBATCH line. */
export class ScriptError extends Error {}

/** Single-quotes a word for bash. */
export const shellQuote = (s: string): string => (/^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`)

/** A job name Slurm shows in squeue: the node id with anything unusual replaced. */
export const jobName = (name: string): string => `distill:${name}`.replace(/[^A-Za-z0-9._:/+-]/g, "_").slice(0, 200)

const directive = (option: string, value: string | number): string => {
  const v = String(value)
  if (/[\s]/.test(v) || v === "") throw new ScriptError(`cannot pass '${v}' to sbatch --${option}: it is empty or holds whitespace`)
  return `#SBATCH --${option}=${v}`
}

/** sbatch expands `%j` and friends in output file names; a literal `%` is written `%%`. */
const outputPath = (p: string): string => p.replace(/%/g, "%%")

/** The batch script for a job. Throws ScriptError when a path or resource value cannot be written. */
export const renderBatchScript = (job: JobSpec, config: SlurmConfig): string => {
  const r = job.resources
  const lines = [
    "#!/bin/bash",
    directive("job-name", jobName(job.name)),
    directive("output", outputPath(job.stdoutFile)),
    directive("error", outputPath(job.stderrFile)),
    directive("open-mode", "append"),
    directive("chdir", job.cwd),
    directive("nodes", 1),
    directive("ntasks", 1),
    directive("cpus-per-task", r.cpus)
  ]
  if (r.gpus > 0) lines.push(directive("gres", `gpu:${r.gpuType === undefined ? "" : `${r.gpuType}:`}${r.gpus}`))
  if (r.memoryMb !== undefined) lines.push(directive("mem", `${r.memoryMb}M`))
  if (r.timeLimitMinutes !== undefined) lines.push(directive("time", formatTime(r.timeLimitMinutes)))
  for (const key of ["partition", "account", "qos", "constraint"] as const) {
    const v = r[key] ?? config[key]
    if (v !== undefined) lines.push(directive(key, v))
  }
  lines.push(config.requeue ? "#SBATCH --requeue" : "#SBATCH --no-requeue")
  for (const a of config.sbatch_args) {
    if (/[\n]/.test(a) || !a.startsWith("-")) throw new ScriptError(`sbatch_args item '${a}' is not one sbatch option`)
    lines.push(`#SBATCH ${a}`)
  }
  lines.push(
    `# node ${job.name}, submitted by distill; stdout and stderr are appended to across requeues`,
    "unset DISTILL_PARENT_PID",
    ...Object.entries(job.env ?? {}).map(([k, v]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new ScriptError(`invalid environment variable name '${k}'`)
      return `export ${k}=${shellQuote(v)}`
    }),
    ...config.setup,
    `exec ${[job.command, ...job.args].map(shellQuote).join(" ")}`,
    ""
  )
  return lines.join("\n")
}
