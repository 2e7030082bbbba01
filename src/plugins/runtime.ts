// The plugin runtime: loads a plugin, substitutes secrets, validates its config and builds its service with a PluginHost.
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"
import type { PluginKind } from "./define.ts"
import { PluginHost, type PluginRef } from "./host.ts"
import { Dataset, type DatasetService } from "./dataset.ts"
import { Teacher, type TeacherService } from "./teacher.ts"
import { Judge, type JudgeService } from "./judge.ts"
import { Trainer, type TrainerService } from "./trainer.ts"
import { Backend, type BackendService } from "../backends/backend.ts"
import { loadPlugin } from "./registry.ts"
import { materialize } from "../spec/index.ts"
import { compiledValidator, errorsText } from "../spec/compiled-schema.ts"

/** Where a run lives and what it may read. */
export interface RunEnvironment {
  readonly storeRoot: string
  readonly cacheDir: string
  readonly specDir: string
  readonly env: Readonly<Record<string, string | undefined>>
  /** Wraps a raw teacher with the engine's cache and call policy (used for teachers built for judges). */
  readonly wrapTeacher?: (t: TeacherService, ref: PluginRef) => TeacherService
}

export interface ServiceOf {
  dataset: DatasetService
  teacher: TeacherService
  judge: JudgeService
  trainer: TrainerService
  backend: BackendService
}
/** A plugin that could not be loaded, configured or started. */
export class PluginStartError extends Data.TaggedError("PluginStartError")<{
  readonly kind: PluginKind
  readonly use: string
  readonly message: string
}> {}

const tags = { dataset: Dataset, teacher: Teacher, judge: Judge, trainer: Trainer, backend: Backend } as const

/** Builds the service of plugin `use` with `config` (validated and defaulted again here for nested refs). */
export const buildService = <K extends keyof ServiceOf>(
  kind: K, ref: PluginRef, run: RunEnvironment
): Effect.Effect<ServiceOf[K], PluginStartError, Scope.Scope> =>
  Effect.gen(function*() {
    const fail = (message: string) => new PluginStartError({ kind: kind as PluginKind, use: ref.use, message })
    const plugin = yield* loadPlugin(kind as PluginKind, ref.use, run.specDir).pipe(Effect.mapError((e) => fail(e.message)))
    const config = structuredClone(materialize(ref.with ?? {}, run.env) as Record<string, unknown>)
    const validate = compiledValidator(plugin.configSchema, { allErrors: true, useDefaults: true, strict: false })
    if (!validate(config)) {
      return yield* fail(`invalid config for ${kind} plugin '${ref.use}': ${errorsText(validate.errors)}`)
    }
    const host = PluginHost.of({
      cacheDir: run.cacheDir,
      specDir: run.specDir,
      env: (name) => run.env[name],
      teacher: (teacherRef) => Effect.scoped(buildService("teacher", teacherRef, run)).pipe(
        Effect.map((t) => run.wrapTeacher === undefined ? t : run.wrapTeacher(t, teacherRef)),
        Effect.mapError((e) => new Error(e.message)))
    })
    const layer = (plugin.layer(config) as Layer.Layer<any, unknown, PluginHost>).pipe(Layer.provide(Layer.succeed(PluginHost, host)))
    const context = yield* Layer.build(layer).pipe(
      Effect.mapError((e) => fail(`cannot start ${kind} plugin '${ref.use}': ${(e as { message?: string }).message ?? String(e)}`)))
    return Context.get(context, tags[kind] as unknown as Context.Service<any, ServiceOf[K]>)
  })
