// Token estimates for a request before it is sent (used by tokens/min limits and the budget).
import * as path from "node:path"
import type { TeacherRequest } from "../plugins/index.ts"
import type { TokenEstimate } from "./cost.ts"
import { readImageDims } from "./image-size.ts"
import { imageRuleOf, imageTokens } from "./image-tokens.ts"

/** About four characters per token for English text and LaTeX. */
const CHARS_PER_TOKEN = 4

/**
 * Estimated input tokens (text length / 4 plus each image by the provider's rule, read from the image's
 * header; relative paths resolve against `baseDir`) and the output allowance.
 */
export const estimateTokens = (request: TeacherRequest, provider = "", baseDir = process.cwd()): TokenEstimate => {
  const chars = (request.system?.length ?? 0) + request.prompt.length
  const rule = imageRuleOf(provider)
  const images = (request.images ?? []).reduce((a, i) => a + imageTokens(rule, readImageDims(path.resolve(baseDir, i.path))), 0)
  return {
    inputTokens: Math.ceil(chars / CHARS_PER_TOKEN) + images,
    outputTokens: request.sampling.maxTokens
  }
}
