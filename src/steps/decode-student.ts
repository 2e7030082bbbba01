// The student a decode node decodes: the trained student of its train node, or the trainer's untrained base student.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { DecodeParams } from "../plan/params.ts"
import { openHfStudent } from "../students/hf-student.ts"
import { openAnyStudent, type EvalStudent } from "../students/open-any.ts"
import { TRAIN_OUT } from "./train.ts"
import { StepFailed } from "./step.ts"
import { serviceAt, type StepEnv } from "./env.ts"

/** Opens the trained student under `trainDir`, or, without one, the base student the spec's trainer names for the size. */
export const openDecodeStudent = (env: StepEnv, p: DecodeParams, trainDir: string | undefined, nodeId: string): Effect.Effect<EvalStudent, StepFailed, Scope.Scope> =>
  Effect.gen(function*() {
    const fail = (message: string) => new StepFailed({ node: nodeId, reason: "failed", message })
    if (trainDir !== undefined) {
      const dir = path.join(trainDir, TRAIN_OUT)
      return yield* Effect.tryPromise({ try: () => openAnyStudent(dir, { threads: env.threadsPerJob }), catch: (e) => fail(`cannot load the student in ${dir}: ${String(e)}`) })
    }
    const trainer = yield* serviceAt(env, "trainer", "/students/trainer", nodeId)
    const source = trainer.baseStudent?.(p.family, p.size, env.spec.students.size_config?.[p.size] ?? null) ?? null
    if (source === null) return yield* fail(`the trainer names no base student for ${p.family} ${p.size}`)
    const s = yield* Effect.tryPromise({
      try: () => openHfStudent({ model: source.model, ...(source.revision === null ? {} : { revision: source.revision }), family: p.family, size: p.size }, { threads: env.threadsPerJob }),
      catch: (e) => fail(`cannot load the base student ${source.model}: ${String(e)}`)
    })
    const m = s.manifest
    return { format: "hf", info: { family: m.family, size: m.size, params: m.params, commit: m.commit }, generate: s.generate, close: s.close } satisfies EvalStudent
  })
