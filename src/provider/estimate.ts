// Token estimates for a request before it is sent (used by tokens/min limits and the budget).
import type { TeacherRequest } from "../plugins/index.ts"
import type { TokenEstimate } from "./cost.ts"

/** Rough tokens charged per attached image (providers bill roughly 250-1,600 per image). */
export const TOKENS_PER_IMAGE = 1_000

/** About four characters per token for English text and LaTeX. */
const CHARS_PER_TOKEN = 4

/** Estimated input tokens (text length / 4 plus a fixed amount per image) and the output allowance. */
export const estimateTokens = (request: TeacherRequest): TokenEstimate => {
  const chars = (request.system?.length ?? 0) + request.prompt.length
  const images = request.images?.length ?? 0
  return {
    inputTokens: Math.ceil(chars / CHARS_PER_TOKEN) + images * TOKENS_PER_IMAGE,
    outputTokens: request.sampling.maxTokens
  }
}
