// The student a decode node decodes: the trained student of its train node, or the trainer's untrained base student.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { DecodeParams } from "../plan/params.ts"
import type { EvalStudent } from "../students/open-any.ts"
import { openStudentSource, type StudentSource } from "../worker/student-source.ts"
import { TRAIN_OUT } from "./train.ts"
import { StepFailed } from "./step.ts"
import { serviceAt, type StepEnv } from "./env.ts"

/** Where the student is: the trained student under `trainDir`, or, without one, the base student the spec's trainer names for the size. */
export const decodeStudentSource = (env: StepEnv, p: DecodeParams, trainDir: string | undefined, nodeId: string): Effect.Effect<StudentSource, StepFailed, Scope.Scope> =>
  Effect.gen(function*() {
    if (trainDir !== undefined) return { dir: path.join(trainDir, TRAIN_OUT) }
    const trainer = yield* serviceAt(env, "trainer", "/students/trainer", nodeId)
    const source = trainer.baseStudent?.(p.family, p.size, env.spec.students.size_config?.[p.size] ?? null) ?? null
    if (source === null) return yield* new StepFailed({ node: nodeId, reason: "failed", message: `the trainer names no base student for ${p.family} ${p.size}` })
    return { model: source.model, revision: source.revision, family: p.family, size: p.size }
  })

/** Opens the decode node's student in this process. */
export const openDecodeStudent = (env: StepEnv, p: DecodeParams, trainDir: string | undefined, nodeId: string): Effect.Effect<EvalStudent, StepFailed, Scope.Scope> =>
  Effect.gen(function*() {
    const source = yield* decodeStudentSource(env, p, trainDir, nodeId)
    return yield* Effect.tryPromise({
      try: () => openStudentSource(source, env.threadsPerJob),
      catch: (e) => new StepFailed({ node: nodeId, reason: "failed", message: (e as Error).message })
    })
  })
