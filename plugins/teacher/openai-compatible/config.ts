// The openai-compatible teacher's validated `with:` config.

/** Config after schema validation (defaults applied). */
export interface OpenAiCompatibleConfig {
  readonly model: string
  readonly base_url?: string
  readonly base_url_env?: string
  readonly api_key_env: string
  readonly require_api_key: boolean
  readonly timeout_ms: number
  readonly max_tokens_field: "max_tokens" | "max_completion_tokens"
  readonly reasoning_effort?: "minimal" | "low" | "medium" | "high"
  readonly seed: boolean
  readonly think_tags: boolean
  readonly extra_body: Readonly<Record<string, unknown>>
}

/** The key sent to servers that need none (vLLM and Ollama accept any value). */
export const PLACEHOLDER_KEY = "EMPTY"
