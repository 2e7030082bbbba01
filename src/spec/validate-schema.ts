// Validates a merged spec against schemas/experiment.schema.json with ajv, filling in defaults.
import type { ValidateFunction } from "ajv"
import schema from "../../schemas/experiment.schema.json" with { type: "json" }
import { ajvIssues } from "./ajv-issues.ts"
import type { Issue } from "./diagnostic.ts"
import { compiledValidator } from "./compiled-schema.ts"
import { withSectionDefaults } from "./schema-defaults.ts"

/** The experiment JSON Schema, as shipped. */
export const experimentSchema: Readonly<Record<string, unknown>> = schema

let compiled: ValidateFunction | undefined

const validator = (): ValidateFunction => {
  compiled ??= compiledValidator(withSectionDefaults(schema), { allErrors: true, useDefaults: true, verbose: true })
  return compiled
}

/** Checks `spec` in place: defaults are written into it; the result lists what is wrong. */
export const validateExperiment = (spec: unknown): ReadonlyArray<Issue> => {
  const validate = validator()
  return validate(spec) ? [] : ajvIssues(validate.errors ?? [])
}
