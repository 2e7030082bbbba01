// Input tokens one image costs, by each provider's published rule, for budget reservations and plan estimates.
import type { ImageDims } from "./image-size.ts"

/** Providers whose image rules differ. OpenAI-compatible servers are counted by OpenAI's rule. */
export type ImageRule = "anthropic" | "openai" | "gemini"

/** Tokens assumed for an image whose size is unknown (providers bill roughly 250-1,600 per image). */
export const TOKENS_PER_IMAGE = 1_000

/** The image rule of a teacher's provider name (`anthropic`, `google`, `openai-compatible`, ...). */
export const imageRuleOf = (provider: string): ImageRule =>
  provider === "anthropic" ? "anthropic" : provider === "google" || provider === "gemini" ? "gemini" : "openai"

/**
 * Anthropic (docs "Vision", "Calculate image costs"): tokens = width * height / 750, after the image is
 * scaled down, keeping its aspect ratio, to a long edge of at most 1568 px and at most about 1,600 tokens.
 */
const anthropicTokens = ({ width, height }: ImageDims): number => {
  const scale = Math.min(1, 1568 / Math.max(width, height), Math.sqrt((1600 * 750) / (width * height)))
  return Math.min(1600, Math.ceil((width * scale * height * scale) / 750))
}

/**
 * OpenAI, detail "high" (docs "Images and vision", "Calculating costs"): the image is scaled to fit in
 * 2048 x 2048, then so that its shortest side is 768 px (never up); it costs 85 base tokens plus 170
 * per 512 px tile. Counted at high detail, the upper bound ("low" is a flat 85).
 */
const openaiTokens = ({ width, height }: ImageDims): number => {
  const fit = Math.min(1, 2048 / Math.max(width, height))
  let w = width * fit
  let h = height * fit
  const shortest = Math.min(w, h)
  if (shortest > 768) {
    w = (w * 768) / shortest
    h = (h * 768) / shortest
  }
  return 85 + 170 * Math.ceil(w / 512) * Math.ceil(h / 512)
}

/**
 * Gemini (docs "Token counting", images): an image with both sides at most 384 px is 258 tokens; a larger
 * one is cropped and scaled into 768 x 768 tiles of 258 tokens each.
 */
const geminiTokens = ({ width, height }: ImageDims): number =>
  width <= 384 && height <= 384 ? 258 : 258 * Math.ceil(width / 768) * Math.ceil(height / 768)

/** Input tokens of one image of `dims` under `rule`; TOKENS_PER_IMAGE when the size is unknown. */
export const imageTokens = (rule: ImageRule, dims: ImageDims | undefined): number => {
  if (dims === undefined || dims.width <= 0 || dims.height <= 0) return TOKENS_PER_IMAGE
  return rule === "anthropic" ? anthropicTokens(dims) : rule === "gemini" ? geminiTokens(dims) : openaiTokens(dims)
}
