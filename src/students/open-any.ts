// Opens whichever student a train output directory holds: an exported ONNX student or a Hugging Face one.
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import type { GenerateOptions } from "./generate.ts"
import type { Generation } from "./generation-row.ts"
import { openHfStudent } from "./hf-student.ts"
import { openStudent } from "./student.ts"

/** What the evaluate step needs from any student. */
export interface EvalStudent {
  readonly format: "onnx" | "hf"
  /** family, size and params for rows and reports; commit is the Hub commit SHA of an hf student's weights. */
  readonly info: { readonly family: string; readonly size: string; readonly params: number; readonly commit: string | null }
  readonly generate: (prompts: ReadonlyArray<string>, options: GenerateOptions) => Promise<Generation[]>
  readonly close: () => void
}

/** Opens `<dir>` by its student.json: format "hf" starts a transformers worker, anything else loads model.onnx. */
export const openAnyStudent = async (dir: string, options: { readonly threads?: number } = {}): Promise<EvalStudent> => {
  const file = join(dir, "student.json")
  const format = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { format?: string }).format : undefined
  if (format === "hf") {
    const s = await openHfStudent({ dir }, options)
    const m = s.manifest
    return { format: "hf", info: { family: m.family, size: m.size, params: m.params, commit: m.commit }, generate: s.generate, close: s.close }
  }
  const s = await openStudent(dir, options)
  const m = s.manifest
  return { format: "onnx", info: { family: m.family, size: m.size, params: m.params, commit: null }, generate: s.generate, close: s.close }
}
