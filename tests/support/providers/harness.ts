// Building a teacher plugin the way the engine does: ajv-validated config with defaults, a PluginHost, the layer.
import { Ajv2020 } from "ajv/dist/2020.js"
import { Effect, Exit, Layer } from "effect"
import { PluginHost, Teacher, type TeacherError, type TeacherPlugin, type TeacherService } from "../../../src/plugins/index.ts"
import { addSchemaKeywords } from "../../../src/spec/schema-keywords.ts"

/** A PluginHost whose environment is exactly `env`. */
export const hostLayer = (env: Readonly<Record<string, string>>, specDir = process.cwd()): Layer.Layer<PluginHost> =>
  Layer.succeed(PluginHost, PluginHost.of({
    cacheDir: specDir,
    specDir,
    teacher: () => Effect.die("no nested teachers in provider tests"),
    env: (name) => env[name]
  }))

/** The config after ajv validation with defaults applied; throws with ajv's errors when invalid. */
export const validateConfig = (plugin: TeacherPlugin, config: Record<string, unknown>): Record<string, unknown> => {
  const ajv = addSchemaKeywords(new Ajv2020({ useDefaults: true, strict: true, allErrors: true }))
  const validate = ajv.compile(plugin.configSchema)
  const copy = structuredClone(config)
  if (!validate(copy)) throw new Error(ajv.errorsText(validate.errors))
  return copy
}

/** Builds the plugin's TeacherService, or the TeacherError its layer failed with. */
export const buildTeacher = async (
  plugin: TeacherPlugin,
  config: Record<string, unknown>,
  env: Readonly<Record<string, string>>
): Promise<TeacherService | TeacherError> => {
  const layer = plugin.layer(validateConfig(plugin, config)).pipe(Layer.provide(hostLayer(env)))
  const exit = await Effect.runPromiseExit(Effect.provide(Effect.gen(function*() { return yield* Teacher }), layer))
  if (Exit.isSuccess(exit)) return exit.value
  const error = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (error !== undefined && error._tag === "Fail") return error.error as TeacherError
  throw new Error(`layer died: ${String(exit.cause)}`)
}

/** Runs one `generate` and returns its completion or its TeacherError. */
export const generateOnce = (teacher: TeacherService, request: Parameters<TeacherService["generate"]>[0]) =>
  Effect.runPromise(Effect.result(teacher.generate(request)).pipe(
    Effect.map((r) => (r._tag === "Success" ? { ok: true as const, completion: r.success } : { ok: false as const, error: r.failure }))
  ))
