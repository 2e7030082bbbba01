// Effect API of an exported student (student.json + model.onnx): load it scoped, generate text in batches.
import { join } from "node:path"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { StudentError } from "./errors.ts"
import { createSession, type GenerateOptions, type LoadOptions, optionsProblem, runGenerate } from "./generate.ts"
import type { Generation } from "./generation-row.ts"
import { readManifest, type StudentManifest } from "./manifest.ts"

export type { GenerateOptions, LoadOptions } from "./generate.ts"
export type { Generation, StopReason } from "./generation-row.ts"

/** A loaded student. */
export interface Student {
  readonly dir: string
  readonly manifest: StudentManifest
  /** Results in prompt order. */
  readonly generate: (prompts: ReadonlyArray<string>, options: GenerateOptions) => Effect.Effect<Generation[], StudentError>
}

/** Loads the student in `dir`; the ONNX session is released when the scope closes. */
export const loadStudent = (dir: string, options: LoadOptions = {}): Effect.Effect<Student, StudentError, Scope.Scope> =>
  Effect.gen(function*() {
    const manifest = yield* readManifest(dir)
    const session = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () => createSession(dir, manifest, options),
        catch: (e) => new StudentError({ reason: "load-failed", message: `cannot load ${join(dir, manifest.onnx.file)}: ${String(e)}` })
      }),
      (s) => Effect.promise(() => s.release())
    )
    const generate = (prompts: ReadonlyArray<string>, o: GenerateOptions) => {
      const problem = optionsProblem(o)
      if (problem !== null) return Effect.fail(new StudentError({ reason: "bad-options", message: problem }))
      return Effect.tryPromise({
        try: (signal) => runGenerate(session, manifest, prompts, o, signal),
        catch: (e) => new StudentError({ reason: "inference-failed", message: `decoding with ${dir} failed: ${String(e)}` })
      })
    }
    return { dir, manifest, generate }
  })
