// Which environment variables hold secrets, and the scrubbed environment a child process that needs none of them gets.

/** Name segments that mark a variable as a credential (ANTHROPIC_API_KEY, HF_TOKEN, AWS_SECRET_ACCESS_KEY, DB_PASSWORD...). */
const SECRET_NAME = /(^|_)(API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|PAT|CREDENTIALS?|AUTH|COOKIE|SESSION|PRIVATE)(_|$)/i

const declared = new Set<string>()

/** Marks a variable as secret whatever its name (an `api_key_env` read by a teacher). */
export const declareSecretEnv = (name: string): void => {
  declared.add(name)
}

/** True when `name` names a credential: by its name, or because it was declared secret in this process. */
export const isSecretEnvName = (name: string): boolean => declared.has(name) || SECRET_NAME.test(name)

/**
 * The environment for a child process that needs no credentials: `parent` without its secret variables, then
 * `explicit` (what the job asked for by name, kept even when secret-looking).
 */
export const childEnv = (
  parent: Readonly<Record<string, string | undefined>>, explicit: Readonly<Record<string, string | undefined>> = {}
): Record<string, string> => {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(parent)) if (v !== undefined && !isSecretEnvName(k)) env[k] = v
  for (const [k, v] of Object.entries(explicit)) if (v !== undefined) env[k] = v
  return env
}

/** Values of the secret variables of `env` at least `minLength` long, for redacting what a run writes. */
export const secretEnvValues = (env: Readonly<Record<string, string | undefined>>, minLength = 8): ReadonlyArray<string> =>
  Object.entries(env).flatMap(([k, v]) => (v !== undefined && v.length >= minLength && isSecretEnvName(k) ? [v] : []))
