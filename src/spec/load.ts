// loadSpec: YAML with includes -> schema check with defaults -> plugins and their configs -> cross-references -> env.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { type Diagnostic, type Issue, locateIssue, specError, type SpecError } from "./diagnostic.ts"
import { type Env, envIssues, keyEnvNames } from "./env.ts"
import { resolveIncludes } from "./include.ts"
import { allowedFromEnv } from "../plugins/plugin-paths.ts"
import { pluginSites, rebaseUse, resolvePlugin } from "./plugins.ts"
import type { ResolvedPlugin, ResolvedSpec } from "./resolved.ts"
import { declareSecretEnv } from "./secret-env.ts"
import { semanticIssues } from "./semantic.ts"
import { trainerIssues } from "./trainer-check.ts"
import { locate, toPlain } from "./tree.ts"
import type { Experiment } from "./types.gen.ts"
import { validateExperiment } from "./validate-schema.ts"

/** Options of loadSpec. */
export interface LoadOptions {
  /** Where `${env:NAME}` placeholders are checked and DISTILL_PLUGIN_PATH is read (default: process.env). */
  readonly env?: Env
}

/**
 * Loads a spec file: parses it and its includes, validates it against the experiment schema (defaults applied),
 * loads every plugin and validates its `with:` block, and checks names used across the spec and `${env:...}` variables.
 * Fails with a SpecError listing every problem found at the stage that stopped, each at a file:line:col.
 * The variables its plugins (and evaluate.serve) read keys from are declared secret, so no child process inherits them.
 */
export const loadSpec = Effect.fn("loadSpec")(function*(file: string, options: LoadOptions = {}) {
  const env = options.env ?? process.env
  const abs = path.resolve(file)
  const dir = path.dirname(abs)
  const included = yield* Effect.sync(() => resolveIncludes(abs))
  if (!included.ok) return yield* specError(included.diagnostics)
  const root = included.root
  const located = (issues: ReadonlyArray<Issue>): ReadonlyArray<Diagnostic> => issues.map((i) => locateIssue(root, i))

  const spec = toPlain(root) as Record<string, unknown>
  const schemaIssues = validateExperiment(spec)
  if (schemaIssues.length > 0) return yield* specError(located([...schemaIssues, ...envIssues(spec, env)]))

  const sites = pluginSites(spec)
  for (const site of sites) {
    const written = locate(root, `${site.pointer}/use`, true)
    site.ref["use"] = rebaseUse(String(site.ref["use"]), written.file, dir)
  }
  const allowedPaths = allowedFromEnv(env)
  const results = yield* Effect.forEach(sites, (site) => resolvePlugin(site, dir, spec.seed as number, allowedPaths))
  const plugins: Record<string, ResolvedPlugin> = {}
  const issues: Array<Issue> = []
  results.forEach((r, i) => {
    if (Array.isArray(r)) issues.push(...r)
    else plugins[sites[i]!.pointer] = r as ResolvedPlugin
  })
  const experiment = spec as unknown as Experiment
  issues.push(...semanticIssues(experiment), ...envIssues(spec, env))
  const trainer = plugins["/students/trainer"]
  if (issues.length === 0 && trainer !== undefined) issues.push(...yield* trainerIssues(experiment, trainer, dir, allowedPaths))
  if (issues.length > 0) return yield* specError(located(issues))
  const resolved = { ...experiment, file: abs, dir, files: included.files, plugins }
  const serveKey = experiment.evaluate?.serve?.api_key_env
  yield* Effect.sync(() => [...keyEnvNames(plugins), ...(serveKey === undefined ? [] : [serveKey])].forEach(declareSecretEnv))
  return resolved as ResolvedSpec
})

/** What the CLI's `validate` command runs: the same as loadSpec with process.env. */
export const validateFile = (file: string): Effect.Effect<ResolvedSpec, SpecError> => loadSpec(file)
