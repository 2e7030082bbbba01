// The credentials a GRPO stage's reward judge reads, found by building it here once: names only, never values.
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { ResolvedPlugin } from "../plan/input.ts"
import { buildService, type PluginStartError, type RunEnvironment } from "../plugins/runtime.ts"
import { placeholderNames, keyEnvNames } from "../spec/env.ts"
import { isSecretEnvName } from "../spec/secret-env.ts"

const configStrings = (value: unknown): ReadonlyArray<string> =>
  typeof value === "string" ? [value]
    : Array.isArray(value) ? value.flatMap(configStrings)
    : typeof value === "object" && value !== null ? Object.values(value).flatMap(configStrings)
    : []

/**
 * Names of the secret variables the judge needs: its config's `${env:NAME}` placeholders and `api_key_env`-like
 * fields, and every secret variable its plugins read while it is built (a teacher's default `OPENAI_API_KEY`, say).
 * Building it also checks that they are set: a missing key fails here, before any training starts.
 */
export const rewardJudgeEnv = (judge: ResolvedPlugin, run: RunEnvironment): Effect.Effect<ReadonlyArray<string>, PluginStartError, Scope.Scope> =>
  Effect.gen(function*() {
    const read = new Set<string>()
    const env = new Proxy(run.env, {
      get: (target, name) => {
        if (typeof name === "string") read.add(name)
        return target[name as string]
      }
    })
    yield* buildService("judge", { use: judge.use, with: judge.config }, { ...run, env })
    const named = [...configStrings(judge.config).flatMap(placeholderNames), ...keyEnvNames(judge.config)]
    return [...new Set([...named, ...[...read].filter((name) => isSecretEnvName(name) && run.env[name] !== undefined)])].sort()
  })
