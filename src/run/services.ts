// Builds plugin services for steps: loads the plugin, substitutes secrets, provides the PluginHost.
import { Context, Effect, Layer, Scope } from "effect"
import { Ajv2020 } from "ajv/dist/2020.js"
import type { PluginKind } from "../plugins/define.ts"
import { PluginHost, type PluginRef } from "../plugins/host.ts"
import { Dataset, type DatasetService } from "../plugins/dataset.ts"
import { Teacher, type TeacherService } from "../plugins/teacher.ts"
import { Judge, type JudgeService } from "../plugins/judge.ts"
import { Trainer, type TrainerService } from "../plugins/trainer.ts"
import { Backend, type BackendService } from "../backends/backend.ts"
import { loadPlugin } from "../plugins/registry.ts"
import { materialize } from "../spec/index.ts"
import { StepFailed } from "../steps/step.ts"

/** Where a run lives and what it may read. */
export interface RunEnvironment {
  readonly storeRoot: string
  readonly cacheDir: string
  readonly specDir: string
  readonly env: Readonly<Record<string, string | undefined>>
  /** Wraps a raw teacher with the engine's cache and call policy (used for teachers built for judges). */
  readonly wrapTeacher?: (t: TeacherService, ref: PluginRef) => TeacherService
}

interface ServiceOf {
  dataset: DatasetService
  teacher: TeacherService
  judge: JudgeService
  trainer: TrainerService
  backend: BackendService
}
const tags = { dataset: Dataset, teacher: Teacher, judge: Judge, trainer: Trainer, backend: Backend } as const

const ajv = new Ajv2020({ allErrors: true, useDefaults: true, strict: false })

/** Builds the service of plugin `use` with `config` (validated and defaulted again here for nested refs). */
export const buildService = <K extends keyof ServiceOf>(
  kind: K, ref: PluginRef, run: RunEnvironment
): Effect.Effect<ServiceOf[K], StepFailed, Scope.Scope> =>
  Effect.gen(function*() {
    const fail = (message: string) => new StepFailed({ node: `${kind}:${ref.use}`, reason: "failed", message })
    const plugin = yield* loadPlugin(kind as PluginKind, ref.use, run.specDir).pipe(Effect.mapError((e) => fail(e.message)))
    const config = structuredClone(materialize(ref.with ?? {}, run.env) as Record<string, unknown>)
    const validate = ajv.compile(plugin.configSchema)
    if (!validate(config)) {
      return yield* fail(`invalid config for ${kind} plugin '${ref.use}': ${ajv.errorsText(validate.errors)}`)
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
