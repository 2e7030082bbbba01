// The anthropic teacher's validated `with:` config.

/** Config after schema validation (defaults applied). */
export interface AnthropicConfig {
  readonly model: string
  readonly base_url: string
  readonly api_key_env: string
  readonly timeout_ms: number
  readonly thinking?: { readonly type: "enabled" | "adaptive" | "disabled"; readonly budget_tokens?: number }
  readonly top_k?: number
}

/** Tokens of thinking budget when thinking is enabled with a fixed budget, else 0. */
export const thinkingBudget = (config: AnthropicConfig): number =>
  config.thinking?.type === "enabled" ? config.thinking.budget_tokens ?? 4096 : 0

/** True when the model may think (temperature and top_k are then left to the API's defaults). */
export const thinkingOn = (config: AnthropicConfig): boolean =>
  config.thinking !== undefined && config.thinking.type !== "disabled"
