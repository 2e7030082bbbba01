// Runs one Slurm client command with a timeout (clients hang while the controller is down) and returns what it printed.
import { execFile } from "node:child_process"
import * as path from "node:path"
import * as Effect from "effect/Effect"

/** What a command printed and how it ended; `code` is null when it was killed (timeout). */
export interface CommandResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs a Slurm command; a command that cannot start at all (not installed) answers code 127 with the reason. */
export type RunCommand = (command: string, args: ReadonlyArray<string>) => Effect.Effect<CommandResult>

/** The real runner: `bin_dir/command` (or the PATH's), killed after `timeoutS` seconds. */
export const execRunner = (binDir: string | undefined, timeoutS: number): RunCommand => (command, args) =>
  Effect.callback<CommandResult>((resume) => {
    const file = binDir === undefined ? command : path.join(binDir, command)
    const child = execFile(file, [...args], { timeout: timeoutS * 1000, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (err, stdout, stderr) => {
        if (err === null) return resume(Effect.succeed({ code: 0, stdout, stderr }))
        const e = err as NodeJS.ErrnoException & { code?: number | string; killed?: boolean }
        if (e.code === "ENOENT") return resume(Effect.succeed({ code: 127, stdout: "", stderr: `${file}: not found (is Slurm installed here?)` }))
        if (e.killed === true) return resume(Effect.succeed({ code: null, stdout, stderr: `${stderr}${command} did not answer within ${timeoutS}s` }))
        resume(Effect.succeed({ code: typeof e.code === "number" ? e.code : 1, stdout, stderr: stderr || e.message }))
      })
    return Effect.sync(() => { child.kill("SIGKILL") })
  })
