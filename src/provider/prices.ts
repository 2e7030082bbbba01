// Default prices (USD per million tokens) for a few well-known models; specs may override them.
import type { Price } from "../plugins/index.ts"

/** Price list per provider family, keyed by model id without date or version suffix. */
export const PRICES: Readonly<Record<"anthropic" | "google" | "openai", Readonly<Record<string, Price>>>> = {
  anthropic: {
    "claude-opus-4-5": { inputPerM: 5, outputPerM: 25 },
    "claude-opus-4-1": { inputPerM: 15, outputPerM: 75 },
    "claude-opus-4": { inputPerM: 15, outputPerM: 75 },
    "claude-sonnet-4-5": { inputPerM: 3, outputPerM: 15 },
    "claude-sonnet-4": { inputPerM: 3, outputPerM: 15 },
    "claude-3-7-sonnet": { inputPerM: 3, outputPerM: 15 },
    "claude-3-5-sonnet": { inputPerM: 3, outputPerM: 15 },
    "claude-haiku-4-5": { inputPerM: 1, outputPerM: 5 },
    "claude-3-5-haiku": { inputPerM: 0.8, outputPerM: 4 },
    "claude-3-haiku": { inputPerM: 0.25, outputPerM: 1.25 }
  },
  google: {
    "gemini-2.5-pro": { inputPerM: 1.25, outputPerM: 10 },
    "gemini-2.5-flash": { inputPerM: 0.3, outputPerM: 2.5 },
    "gemini-2.5-flash-lite": { inputPerM: 0.1, outputPerM: 0.4 },
    "gemini-2.0-flash": { inputPerM: 0.1, outputPerM: 0.4 },
    "gemini-2.0-flash-lite": { inputPerM: 0.075, outputPerM: 0.3 }
  },
  openai: {
    "gpt-5": { inputPerM: 1.25, outputPerM: 10 },
    "gpt-5-mini": { inputPerM: 0.25, outputPerM: 2 },
    "gpt-5-nano": { inputPerM: 0.05, outputPerM: 0.4 },
    "gpt-4.1": { inputPerM: 2, outputPerM: 8 },
    "gpt-4.1-mini": { inputPerM: 0.4, outputPerM: 1.6 },
    "gpt-4.1-nano": { inputPerM: 0.1, outputPerM: 0.4 },
    "gpt-4o": { inputPerM: 2.5, outputPerM: 10 },
    "gpt-4o-mini": { inputPerM: 0.15, outputPerM: 0.6 },
    "o3": { inputPerM: 2, outputPerM: 8 },
    "o3-mini": { inputPerM: 1.1, outputPerM: 4.4 },
    "o4-mini": { inputPerM: 1.1, outputPerM: 4.4 }
  }
}

/** Suffixes that name a snapshot of a listed model: `-latest`, `-20250514`, `-2024-08-06`, `-001`. */
const SNAPSHOT_SUFFIX = /^-(latest|\d{8}|\d{4}-\d{2}-\d{2}|\d{3})$/u

/**
 * The default price of `model` from `family`'s list: an exact id, or a listed id followed by a snapshot
 * suffix. Unknown models (including experimental or preview ids) give `undefined`.
 */
export const priceFor = (family: keyof typeof PRICES, model: string): Price | undefined => {
  const table = PRICES[family]
  const id = model.replace(/^models\//u, "")
  const exact = table[id]
  if (exact !== undefined) return exact
  for (const [name, price] of Object.entries(table)) {
    if (id.startsWith(name) && SNAPSHOT_SUFFIX.test(id.slice(name.length))) return price
  }
  return undefined
}

const isOpenAiEndpoint = (baseUrl: unknown): boolean => {
  if (typeof baseUrl !== "string") return false
  try {
    return new URL(baseUrl).hostname === "api.openai.com"
  } catch {
    return false
  }
}

/**
 * The table's price for a built-in teacher plugin and its config, as the plugin itself applies it at run
 * time: `anthropic` and `google` by model id, `openai-compatible` only when its `base_url` is OpenAI's own
 * endpoint (other servers have their own prices). Undefined for anything else.
 */
export const listedPriceOf = (plugin: string, config: Readonly<Record<string, unknown>>): Price | undefined => {
  const model = config.model
  if (typeof model !== "string") return undefined
  if (plugin === "anthropic") return priceFor("anthropic", model)
  if (plugin === "google") return priceFor("google", model)
  if (plugin === "openai-compatible" && isOpenAiEndpoint(config.base_url)) return priceFor("openai", model)
  return undefined
}
