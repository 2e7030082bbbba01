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

/** Runs `distill <args>` to completion without blocking the event loop (for tests that serve loopback APIs in-process). */
export const distillAwait = (args: ReadonlyArray<string>, env: Record<string, string> = {}, cwd = repoRoot) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = distillAsync(args, env, cwd)
    let stdout = ""
    let stderr = ""
    child.stdout?.on("data", (d: Buffer) => { stdout += d.toString() })
    child.stderr?.on("data", (d: Buffer) => { stderr += d.toString() })
    child.on("close", (status) => resolve({ status, stdout, stderr }))
  })
