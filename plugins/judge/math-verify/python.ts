// Which Python runs the Math-Verify worker: DISTILL_PYTHON, else the project's .venv, else python3.
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

/** The repository root (this file lives in plugins/judge/math-verify/). */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url))

/** The interpreter chosen and why, for error messages. */
export interface PythonChoice {
  readonly command: string
  readonly source: "DISTILL_PYTHON" | ".venv" | "PATH"
}

/**
 * The interpreter for the worker: `DISTILL_PYTHON` when set, else `<repo>/.venv/bin/python` when it
 * exists (the virtualenv `./distill setup` creates), else `python3` from the PATH.
 */
export const resolvePython = (env: (name: string) => string | undefined, root: string = repoRoot): PythonChoice => {
  const explicit = env("DISTILL_PYTHON")
  if (explicit !== undefined && explicit !== "") return { command: explicit, source: "DISTILL_PYTHON" }
  const venv = path.join(root, ".venv", "bin", "python")
  if (fs.existsSync(venv)) return { command: venv, source: ".venv" }
  return { command: "python3", source: "PATH" }
}
