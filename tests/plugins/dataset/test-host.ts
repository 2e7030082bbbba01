// Test helpers: validate a plugin config like the engine (ajv, defaults applied), provide a PluginHost, load rows.
import { Ajv2020 } from "ajv/dist/2020.js"
import { Effect, Layer } from "effect"
import { Dataset, DatasetError, PluginHost, type DatasetInfo, type DatasetPlugin, type Row } from "../../../src/plugins/index.ts"
import { addSchemaKeywords } from "../../../src/spec/schema-keywords.ts"

/** Validates a config against a plugin's schema with defaults applied; throws with ajv's messages when invalid. */
export const validateConfig = <C>(schema: object, config: unknown): C => {
  const validate = addSchemaKeywords(new Ajv2020({ useDefaults: true, allErrors: true })).compile(schema)
  const copy = structuredClone(config)
  if (!validate(copy)) throw new Error(JSON.stringify(validate.errors))
  return copy as C
}

/** A PluginHost layer for tests. */
export const testHost = (opts: { cacheDir: string; specDir: string; env?: Record<string, string> }) =>
  Layer.succeed(PluginHost, PluginHost.of({
    cacheDir: opts.cacheDir,
    specDir: opts.specDir,
    teacher: () => Effect.die("no teachers in dataset tests"),
    env: (name) => opts.env?.[name]
  }))

/** Validates `config`, builds the plugin's layer and loads its rows into a list (a streamed load that throws fails). */
export const loadWith = (
  plugin: DatasetPlugin,
  config: unknown,
  host: Layer.Layer<PluginHost>
): Effect.Effect<{ readonly rows: ReadonlyArray<Row>; readonly info: DatasetInfo }, DatasetError> =>
  Effect.gen(function*() {
    const dataset = yield* Dataset
    const { rows, info } = yield* dataset.load
    const list = yield* Effect.try({
      try: () => [...rows],
      catch: (e) => {
        if (e instanceof DatasetError) return e
        throw e
      }
    })
    return { rows: list, info }
  }).pipe(Effect.provide(plugin.layer(validateConfig(plugin.configSchema, config)).pipe(Layer.provide(host))))

/** Every property in a JSON Schema (recursively) has a description, and objects forbid extra properties. */
export const schemaProblems = (schema: unknown, at = "$"): ReadonlyArray<string> => {
  if (typeof schema !== "object" || schema === null) return []
  const s = schema as Record<string, unknown>
  const problems: Array<string> = []
  if (s["type"] === "object" && s["additionalProperties"] !== false) problems.push(`${at}: additionalProperties is not false`)
  const props = (s["properties"] ?? {}) as Record<string, unknown>
  for (const [name, sub] of Object.entries(props)) {
    if (typeof (sub as Record<string, unknown>)["description"] !== "string") problems.push(`${at}.${name}: no description`)
    problems.push(...schemaProblems(sub, `${at}.${name}`))
  }
  for (const key of ["items", "prefixItems"]) {
    const sub = s[key]
    for (const item of Array.isArray(sub) ? sub : [sub]) problems.push(...schemaProblems(item, `${at}[]`))
  }
  return problems
}
