// Finds a Python interpreter that can import torch (cached), and reports on it for `distill doctor`.
import { execFile } from "node:child_process"
import { childEnv } from "../spec/secret-env.ts"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import * as Effect from "effect/Effect"
import { TrainerError } from "../plugins/trainer.ts"
import { pythonPath, TORCH_PYTHON_DIR } from "./python-packages.ts"

/** The repository root. */
export const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url))

/** The project virtual environment `./distill setup` creates (DISTILL_VENV overrides the location). */
export const venvDir = (env: Readonly<Record<string, string | undefined>> = process.env): string =>
  env["DISTILL_VENV"] || join(PROJECT_ROOT, ".venv")

/** The interpreter inside the project virtual environment. */
export const venvPython = (env: Readonly<Record<string, string | undefined>> = process.env): string =>
  join(venvDir(env), "bin", "python")

/** Interpreters tried in order when DISTILL_PYTHON is not set: the project venv, then the system's. */
export const pythonCandidates = (env: Readonly<Record<string, string | undefined>> = process.env): ReadonlyArray<string> =>
  [venvPython(env), "python3", "python"]

/** How to get PyTorch, shown when no interpreter can import it. */
export const INSTALL_HINT =
  "run `./distill setup` (creates .venv with the exact versions of python/requirements.lock, torch 2.13.0 CPU included), " +
  "or set DISTILL_PYTHON to an interpreter that has torch, transformers, peft and trl"

/** A Python interpreter with a working torch. */
export interface TorchPython {
  readonly python: string
  readonly torch: string
}

interface RunResult {
  readonly ok: boolean
  readonly stdout: string
  readonly stderr: string
}

const run = (command: string, args: ReadonlyArray<string>, env?: NodeJS.ProcessEnv): Promise<RunResult> =>
  new Promise((resolve) => {
    execFile(command, [...args], { timeout: 120_000, env: childEnv(env ?? process.env) }, (error, stdout, stderr) =>
      resolve({ ok: error === null, stdout: String(stdout), stderr: String(stderr) }))
  })

/** The torch version `python` can import, or null when it cannot run or lacks torch. */
export const probeTorch = async (python: string): Promise<string | null> => {
  const r = await run(python, ["-c", "import torch; print(torch.__version__)"])
  const version = r.stdout.trim().split("\n").pop() ?? ""
  return r.ok && version.length > 0 ? version : null
}

const cache = new Map<string, Promise<TorchPython | null>>()

const discover = async (explicit: string | undefined, candidates: ReadonlyArray<string>): Promise<TorchPython | null> => {
  for (const python of explicit ? [explicit] : candidates) {
    const torch = await probeTorch(python)
    if (torch !== null) return { python, torch }
  }
  return null
}

/**
 * The interpreter to train with: DISTILL_PYTHON when set (and able to import torch), else the project venv
 * (`./distill setup`), else the first of python3, python that can. Results are cached for the life of the process.
 */
export const findTorchPython = (env: Readonly<Record<string, string | undefined>> = process.env): Effect.Effect<TorchPython, TrainerError> => {
  const explicit = env["DISTILL_PYTHON"] || undefined
  const candidates = pythonCandidates(env)
  const key = explicit ?? candidates.join(":")
  return Effect.promise(() => {
    const hit = cache.get(key)
    if (hit) return hit
    const found = discover(explicit, candidates)
    cache.set(key, found)
    return found
  }).pipe(Effect.flatMap((found) => found !== null
    ? Effect.succeed(found)
    : Effect.fail(new TrainerError({
      reason: "missing-runtime",
      message: explicit
        ? `DISTILL_PYTHON=${explicit} cannot import torch; ${INSTALL_HINT}`
        : `no Python with PyTorch found (tried ${candidates.join(", ")}); ${INSTALL_HINT}`
    }))))
}

/** Forgets discovered interpreters (after installing torch in the same process). */
export const clearPythonCache = (): void => cache.clear()

/** One line of the doctor report. */
export interface DoctorCheck {
  readonly name: string
  readonly ok: boolean
  readonly detail: string
}

/** What `distill doctor` shows about the student training runtime. */
export interface PythonDoctorReport {
  readonly ok: boolean
  readonly checks: ReadonlyArray<DoctorCheck>
  readonly python?: string
  readonly torch?: string
  readonly blas?: string
  readonly onnx?: boolean
  readonly threads?: number
}

interface RuntimeInfo {
  readonly python_version: string
  readonly torch: string
  readonly blas: string
  readonly threads: number
  readonly cpu_count: number
  readonly onnx: boolean
}

/** Checks the training runtime: which Python, its torch version, the BLAS backend and whether onnx imports. */
export const doctor = (env: Readonly<Record<string, string | undefined>> = process.env): Effect.Effect<PythonDoctorReport> =>
  findTorchPython(env).pipe(
    Effect.flatMap((found) => Effect.promise(async (): Promise<PythonDoctorReport> => {
      const r = await run(found.python, ["-m", "distill_torch", "--info"], { ...process.env, PYTHONPATH: pythonPath(TORCH_PYTHON_DIR) })
      let info: RuntimeInfo | null = null
      try {
        info = r.ok ? JSON.parse(r.stdout) as RuntimeInfo : null
      } catch {
        info = null
      }
      if (info === null) {
        return { ok: false, python: found.python, torch: found.torch, checks: [
          { name: "python", ok: true, detail: `${found.python} (torch ${found.torch})` },
          { name: "distill_torch", ok: false, detail: `cannot run the trainer package: ${r.stderr.trim().split("\n").pop() ?? ""}` }
        ] }
      }
      const checks: DoctorCheck[] = [
        { name: "python", ok: true, detail: `${found.python} (Python ${info.python_version})` },
        { name: "torch", ok: true, detail: `torch ${info.torch}` },
        { name: "blas", ok: info.blas === "openblas" || info.blas === "mkl",
          detail: info.blas === "generic" || info.blas === "other"
            ? `${info.blas} BLAS: training will be slow (the pinned pip torch of \`./distill setup\` bundles MKL)`
            : `${info.blas}, ${info.cpu_count} CPU(s)` },
        { name: "onnx", ok: true, detail: info.onnx ? "onnx importable" : "onnx not importable (optional: export uses torch.onnx)" }
      ]
      return { ok: checks.every((c) => c.ok), checks, python: found.python, torch: info.torch, blas: info.blas, onnx: info.onnx, threads: info.cpu_count }
    })),
    Effect.catchTag("TrainerError", (e) => Effect.succeed<PythonDoctorReport>({
      ok: false,
      checks: [{ name: "python", ok: false, detail: e.message }]
    }))
  )
