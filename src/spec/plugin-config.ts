// Validates a plugin's `with:` block against the plugin's own config schema, filling in its defaults.
import type { ValidateFunction } from "ajv"
import type { AnyPlugin } from "../plugins/index.ts"
import { ajvIssues } from "./ajv-issues.ts"
import type { Issue } from "./diagnostic.ts"
import { compiledValidator } from "./compiled-schema.ts"

const compiled = new WeakMap<object, ValidateFunction>()

const validatorFor = (plugin: AnyPlugin): ValidateFunction | string => {
  const known = compiled.get(plugin.configSchema)
  if (known !== undefined) return known
  try {
    const { $id: _id, $schema: _dialect, ...body } = plugin.configSchema as Record<string, unknown>
    const fn = compiledValidator(body, { allErrors: true, useDefaults: true, verbose: true, strict: false })
    compiled.set(plugin.configSchema, fn)
    return fn
  } catch (e) {
    return e instanceof Error ? e.message : String(e)
  }
}

/**
 * Checks `config` (mutated: defaults are written into it) against the plugin's schema.
 * `pointer` is where the `{ use, with }` block sits in the spec; issues point inside its `with`.
 */
export const validatePluginConfig = (plugin: AnyPlugin, config: Record<string, unknown>, pointer: string): ReadonlyArray<Issue> => {
  const validate = validatorFor(plugin)
  if (typeof validate === "string") {
    return [{ pointer: `${pointer}/use`, message: `plugin '${plugin.name}' has an invalid config schema: ${validate}` }]
  }
  return validate(config) ? [] : ajvIssues(validate.errors ?? [], `${pointer}/with`)
}
