// The tiny random Hugging Face students `./distill setup` builds offline, so the paper-shaped offline spec has students.
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { HF_PYTHON_DIR, pythonPath } from "../students/python-packages.ts"

/** Where the tiny models live (inside the git-ignored venv): `<venv>/tiny-models/<arch>`. */
export const tinyModelDir = (venv: string, arch: "qwen2" | "llama"): string => path.join(venv, "tiny-models", arch)

/**
 * Builds a 2-layer, hidden-64 random model of each architecture with a tokenizer trained locally (no download) unless
 * it is already there; returns a line per model.
 */
export const buildTinyModels = async (python: string, venv: string): Promise<ReadonlyArray<string>> => {
  const lines: string[] = []
  for (const arch of ["qwen2", "llama"] as const) {
    const dir = tinyModelDir(venv, arch)
    if (fs.existsSync(path.join(dir, "config.json"))) { lines.push(`tiny ${arch} student: ${dir}`); continue }
    const tmp = `${dir}.tmp`
    fs.rmSync(tmp, { recursive: true, force: true })
    const ok = await new Promise<boolean>((resolve) =>
      execFile(python, ["-m", "distill_hf", "tiny", tmp, "--arch", arch], { env: { ...process.env, PYTHONPATH: pythonPath(HF_PYTHON_DIR) }, timeout: 300_000 },
        (error) => resolve(error === null)))
    if (!ok || !fs.existsSync(path.join(tmp, "config.json"))) { lines.push(`could not build the tiny ${arch} student (python -m distill_hf tiny failed)`); continue }
    fs.renameSync(tmp, dir)
    lines.push(`tiny ${arch} student: ${dir}`)
  }
  return lines
}
