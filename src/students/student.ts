// Promise API of an exported student for code outside Effect: open, generate, close.
import * as Effect from "effect/Effect"
import { createSession, type GenerateOptions, type LoadOptions, optionsProblem, runGenerate } from "./generate.ts"
import type { Generation } from "./generation-row.ts"
import { readManifest, type StudentManifest } from "./manifest.ts"

/** An open student; call `close` when done. */
export interface OpenStudent {
  readonly manifest: StudentManifest
  /** Results in prompt order; rejects on invalid options or an inference failure. */
  readonly generate: (prompts: ReadonlyArray<string>, options: GenerateOptions) => Promise<Generation[]>
  readonly close: () => void
}

/** Opens the student in `dir` (student.json + model.onnx). */
export const openStudent = async (dir: string, options: LoadOptions = {}): Promise<OpenStudent> => {
  const manifest = await Effect.runPromise(readManifest(dir))
  const session = await createSession(dir, manifest, options)
  return {
    manifest,
    generate: async (prompts, o) => {
      const problem = optionsProblem(o)
      if (problem !== null) throw new Error(problem)
      return runGenerate(session, manifest, prompts, o)
    },
    close: () => void session.release()
  }
}
