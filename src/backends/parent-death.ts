// Local jobs end with the process that started them, even after its kill -9: each starts under util-linux `setpriv --pdeathsig`.
//
// Why: a job learns the coordinator's pid (DISTILL_PARENT_PID) and the project's own workers end themselves when it is
// gone, but a third-party command (a `vllm serve` holding a GPU) does not. Linux can signal a process when its parent
// dies (prctl PR_SET_PDEATHSIG); `setpriv` sets that and then runs the command in its place, same pid, so cancelling
// and exit codes are unchanged. Without setpriv (not Linux, or util-linux older than 2.33) jobs start as before.
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"

/** The signal a job gets when the coordinator dies: TERM, so a server can stop its own workers. */
export const PARENT_DEATH_SIGNAL = "TERM"

/** The exit codes with which setpriv says it could not start the command. */
const EXEC_FAILED: ReadonlySet<number> = new Set([126, 127])

/** A command line that runs another under the guard. */
export interface ParentDeathGuard {
  readonly command: string
  readonly args: ReadonlyArray<string>
}

let found: ParentDeathGuard | null | undefined

/** setpriv on `PATH`, when it is there and accepts `--pdeathsig`; looked for once per process. */
export const parentDeathGuard = (env: NodeJS.ProcessEnv = process.env): ParentDeathGuard | undefined => {
  if (found !== undefined) return found ?? undefined
  found = null
  if (process.platform !== "linux" || env["DISTILL_PARENT_DEATH"] === "0") return undefined
  for (const dir of (env["PATH"] ?? "").split(path.delimiter).filter((d) => d !== "")) {
    const file = path.join(dir, "setpriv")
    try {
      fs.accessSync(file, fs.constants.X_OK)
    } catch {
      continue
    }
    const args = [`--pdeathsig=${PARENT_DEATH_SIGNAL}`, "--"]
    if (spawnSync(file, [...args, "true"], { stdio: "ignore", timeout: 5_000 }).status === 0) found = { command: file, args }
    break
  }
  return found ?? undefined
}

/** `command args` under `guard` (unchanged without one). */
export const guarded = (guard: ParentDeathGuard | undefined, command: string, args: ReadonlyArray<string>): { command: string; args: ReadonlyArray<string> } =>
  guard === undefined ? { command, args } : { command: guard.command, args: [...guard.args, command, ...args] }

/**
 * Why a guarded job ended at once, when setpriv could not start its command (missing, not executable): its last line
 * on the job's stderr. Undefined for any other end.
 */
export const execFailure = (guard: ParentDeathGuard | undefined, command: string, code: number | null, stderrFile: string): string | undefined => {
  if (guard === undefined || code === null || !EXEC_FAILED.has(code)) return undefined
  let last = ""
  try {
    last = fs.readFileSync(stderrFile, "utf8").trimEnd().split("\n").at(-1) ?? ""
  } catch {
    return undefined
  }
  return last.startsWith("setpriv: failed to execute") ? `cannot run ${command}: ${last.slice(last.lastIndexOf(":") + 1).trim()}` : undefined
}
