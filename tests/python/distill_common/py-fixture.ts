// Test fixture: runs Python snippets under a trainer package's PYTHONPATH (its folder plus distill_common's).
import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as Effect from "effect/Effect"
import { findTorchPython } from "../../../src/students/python.ts"
import { HF_PYTHON_DIR, pythonPath, TORCH_PYTHON_DIR } from "../../../src/students/python-packages.ts"

/** The project's torch-capable interpreter, or undefined (the tests that need it are skipped). */
export const python = await Effect.runPromise(findTorchPython().pipe(Effect.match({ onFailure: () => undefined, onSuccess: (f) => f.python })))

/** The two trainer packages, by the directory PYTHONPATH starts with. */
export const PACKAGES = { distill_torch: TORCH_PYTHON_DIR, distill_hf: HF_PYTHON_DIR } as const

/** Outcome of one Python process. */
export interface PyRun { readonly stdout: string; readonly stderr: string; readonly status: number | null }

/** Runs `python -c script args...` (or `python args...` when script is null) under `pkg`'s PYTHONPATH. */
export const runPython = (pkg: keyof typeof PACKAGES, script: string | null, args: ReadonlyArray<string> = [], env: Record<string, string> = {},
  input?: string): PyRun => {
  const r = spawnSync(python!, script === null ? [...args] : ["-c", script, ...args], {
    env: { ...process.env, PYTHONPATH: pythonPath(PACKAGES[pkg]), ...env }, encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024,
    ...(input === undefined ? {} : { input })
  })
  return { stdout: r.stdout, stderr: r.stderr, status: r.status }
}

const temps: string[] = []

/** A fresh temporary directory, removed by `removeTemps`. */
export const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`))
  temps.push(dir)
  return dir
}

/** Removes the directories `tempDir` made. */
export const removeTemps = (): void => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/**
 * Writes a fake `distill judge` child speaking the JSON-lines protocol: "correct" when `pred` ends with the `ref`,
 * "unparseable" for an empty prediction, "incorrect" otherwise; `pred` "fail" gets a null verdict with an error and
 * "exit" ends the child with code 3. Returns its path.
 */
export const fakeJudge = (): string => {
  const file = join(tempDir("fake-judge"), "judge.py")
  writeFileSync(file, [
    "import json, sys",
    "for line in sys.stdin:",
    "    item = json.loads(line)",
    "    pred = item['pred']",
    "    if pred == 'exit':",
    "        sys.exit(3)",
    "    if pred == 'fail':",
    "        out = {'verdict': None, 'error': {'reason': 'stopped', 'message': 'spend budget of $1.00 reached'}}",
    "    else:",
    "        out = {'verdict': 'unparseable' if not pred else 'correct' if pred.endswith(str(item['ref'])) else 'incorrect'}",
    "    print(json.dumps(out), flush=True)"
  ].join("\n") + "\n")
  return file
}
