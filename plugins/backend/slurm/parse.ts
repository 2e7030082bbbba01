// Pure parsers of what sbatch --parsable, squeue -O, scontrol show job -o and sacct -P print.

/** One job as squeue lists it (`-O 'JobID:|,State:|,Reason:|,RestartCnt:|'`). */
export interface SqueueRow {
  readonly id: string
  readonly state: string
  readonly reason: string
  readonly restarts: number
}

/** One job as sacct lists it (`-X -n -P -o JobID,State,ExitCode`). */
export interface SacctRow {
  readonly id: string
  readonly state: string
  readonly exitCode: string
}

/** The job id `sbatch --parsable` printed (`123` or `123;cluster`); undefined when the output is not that. */
export const parseSbatchParsable = (stdout: string): string | undefined => {
  const line = stdout.trim().split("\n").at(-1)?.trim() ?? ""
  const m = /^(\d+(?:_\d+)?)(?:;\S+)?$/.exec(line)
  return m === null ? undefined : m[1]
}

/** Rows of squeue output; lines that are not four `|`-separated fields are ignored. */
export const parseSqueue = (stdout: string): ReadonlyArray<SqueueRow> =>
  stdout.split("\n").flatMap((line) => {
    const f = line.split("|").map((s) => s.trim())
    if (f.length < 4 || f[0] === "" || f[1] === "") return []
    return [{ id: f[0]!, state: f[1]!, reason: f[2]!, restarts: Number(f[3]) || 0 }]
  })

/**
 * The fields of one `scontrol show job -o` line. Keys are words that may hold `/` and `:` (`CPUs/Task`,
 * `AllocNode:Sid`); a value runs to the next ` Key=`, so a value with spaces stays whole.
 */
export const parseScontrolJob = (line: string): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {}
  const re = /(?:^|\s)([A-Za-z][A-Za-z0-9_/:]*)=/g
  const marks: Array<{ key: string; start: number; end: number }> = []
  for (let m = re.exec(line); m !== null; m = re.exec(line)) marks.push({ key: m[1]!, start: m.index, end: re.lastIndex })
  marks.forEach((mk, i) => {
    const stop = i + 1 < marks.length ? marks[i + 1]!.start : line.length
    if (!(mk.key in out)) out[mk.key] = line.slice(mk.end, stop).trim()
  })
  return out
}

/** Every job of `scontrol show job -o` output (one line per job). */
export const parseScontrol = (stdout: string): ReadonlyArray<Readonly<Record<string, string>>> =>
  stdout.split("\n").filter((l) => l.includes("JobId=")).map(parseScontrolJob)

/** Job rows of sacct output; steps (`123.batch`, `123.extern`) are skipped, `CANCELLED by 0` becomes `CANCELLED`. */
export const parseSacct = (stdout: string): ReadonlyArray<SacctRow> =>
  stdout.split("\n").flatMap((line) => {
    const f = line.split("|").map((s) => s.trim())
    if (f.length < 3 || f[0] === "" || f[0]!.includes(".")) return []
    return [{ id: f[0]!, state: f[1]!.split(/\s+/)[0]!, exitCode: f[2]! }]
  })

/** `exit:signal` as numbers (`3:0`, `0:15`); nulls when unreadable. */
export const parseExitCode = (s: string | undefined): { readonly code: number | null; readonly signal: number | null } => {
  const m = /^(\d+):(\d+)$/.exec(s ?? "")
  return m === null ? { code: null, signal: null } : { code: Number(m[1]), signal: Number(m[2]) }
}

/** Whether a command's stderr says the job ids are unknown to the controller. */
export const isInvalidJobId = (stderr: string): boolean => /Invalid job id specified/i.test(stderr)
