// Runs the distill CLI as a child process, as a user would, with its own runs directory.
import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url))
const main = path.join(repoRoot, "src", "cli", "main.ts")

/** Runs `distill <args>` to completion. */
export const distill = (args: ReadonlyArray<string>, env: Record<string, string> = {}, cwd = repoRoot) => {
  const r = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", main, ...args], {
    cwd, env: { ...process.env, ...env }, encoding: "utf8", timeout: 600_000
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Starts `distill <args>` in the background. */
export const distillAsync = (args: ReadonlyArray<string>, env: Record<string, string> = {}, cwd = repoRoot): ChildProcess =>
  spawn(process.execPath, ["--disable-warning=ExperimentalWarning", main, ...args], {
    cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"]
  })
