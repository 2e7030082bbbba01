// The orphan watch both trainers and the hf server run under: a launcher killed with SIGKILL takes its child along.
import { spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { createInterface } from "node:readline"
import { describe, expect, it } from "vitest"
import { pythonPath, TORCH_PYTHON_DIR } from "../../../src/students/python-packages.ts"
import { python, runPython } from "./py-fixture.ts"

const WATCHED = "from distill_common.orphan import watch_parent; watch_parent(0.1); print('watching', flush=True); import time; time.sleep(60)"

/** Whether `pid` is a live process (a zombie waiting for its reaper counts as gone). */
const alive = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"))
  } catch {
    return false
  }
}

const until = async (done: () => boolean, ms: number): Promise<boolean> => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (done()) return true
  return done()
}

describe.skipIf(python === undefined)("distill_common.orphan (needs a Python with torch)", () => {
  it("ends the child once the launcher named by DISTILL_PARENT_PID is killed with SIGKILL", async () => {
    const launcher = spawn(python!, ["-c", [
      "import os, subprocess, sys, time",
      "child = subprocess.Popen([sys.executable, '-c', sys.argv[1]], env={**os.environ, 'DISTILL_PARENT_PID': str(os.getpid())}, stdout=subprocess.PIPE, text=True)",
      "assert child.stdout.readline() == 'watching\\n'",
      "print(child.pid, flush=True)",
      "time.sleep(60)"
    ].join("\n"), WATCHED], { env: { ...process.env, PYTHONPATH: pythonPath(TORCH_PYTHON_DIR) }, stdio: ["ignore", "pipe", "inherit"] })
    const first = await new Promise<string>((resolve) => createInterface({ input: launcher.stdout! }).once("line", resolve))
    const child = Number(first)
    expect(alive(child)).toBe(true)
    launcher.kill("SIGKILL")
    expect(await until(() => !alive(child), 10_000), "the watched child is gone").toBe(true)
  })

  it("exits at once (137) when the named launcher is not its parent, and leaves an unwatched process alone", () => {
    expect(runPython("distill_torch", WATCHED, [], { DISTILL_PARENT_PID: "1" }).status).toBe(137)
    const unwatched = runPython("distill_torch", "from distill_common.orphan import watch_parent; watch_parent(); print('ran')", [], { DISTILL_PARENT_PID: "" })
    expect(unwatched).toMatchObject({ status: 0, stdout: "ran\n" })
  })
})
