// Reading a provider API key from the environment through the plugin host, without ever echoing it.
import * as Effect from "effect/Effect"
import { type PluginHost, TeacherError } from "../plugins/index.ts"
import { declareSecretEnv } from "../spec/secret-env.ts"

/** The key in `name` (which is then kept out of child processes), or a `client` TeacherError that names the variable (and never shows a value). */
export const readApiKey = (host: PluginHost["Service"], name: string): Effect.Effect<string, TeacherError> => {
  declareSecretEnv(name)
  const value = host.env(name)
  return value === undefined || value.trim() === ""
    ? Effect.fail(new TeacherError({
      reason: "client",
      message: `API key missing: set the environment variable ${name} (or point api_key_env at another variable)`
    }))
    : Effect.succeed(value.trim())
}
