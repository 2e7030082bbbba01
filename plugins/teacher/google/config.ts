// The google teacher's validated `with:` config.

/** Config after schema validation (defaults applied). */
export interface GoogleConfig {
  readonly model: string
  readonly base_url: string
  readonly api_version: string
  readonly api_key_env: string
  readonly timeout_ms: number
  readonly include_thoughts: boolean
  readonly thinking_budget?: number
}
