// Where the project's Python packages live, and the PYTHONPATH that makes a trainer's package and distill_common importable.
import { delimiter } from "node:path"
import { fileURLToPath } from "node:url"

/** Directory holding `distill_common`, the package both trainers' packages import. */
export const COMMON_PYTHON_DIR = fileURLToPath(new URL("../../python", import.meta.url))

/** Directory holding the `distill_torch` package (the tiny trainer). */
export const TORCH_PYTHON_DIR = fileURLToPath(new URL("../../plugins/trainer/torch/python", import.meta.url))

/** Directory holding the `distill_hf` package (Hugging Face trainer, generate worker, OpenAI-compatible server). */
export const HF_PYTHON_DIR = fileURLToPath(new URL("../../plugins/trainer/hf/python", import.meta.url))

/**
 * The PYTHONPATH under which `python -m <package>` runs: the package's directory, distill_common's, then `inherited`
 * (the PYTHONPATH already set) when it is not empty.
 */
export const pythonPath = (packageDir: string, inherited?: string): string =>
  [packageDir, COMMON_PYTHON_DIR, ...(inherited ? [inherited] : [])].join(delimiter)
