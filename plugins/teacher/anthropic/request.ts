// Building a Messages API request from a teacher request: system prompt, base64 image blocks, thinking.
import type Anthropic from "@anthropic-ai/sdk"
import type { TeacherRequest } from "../../../src/plugins/index.ts"
import type { InlineImage } from "../../../src/provider/index.ts"
import { type AnthropicConfig, thinkingBudget, thinkingOn } from "./config.ts"

type ImageMediaType = "image/jpeg" | "image/png" | "image/gif" | "image/webp"

/** The non-streaming `messages.create` body for `request`. */
export const messagesBody = (
  config: AnthropicConfig,
  request: TeacherRequest,
  images: ReadonlyArray<InlineImage>
): Anthropic.MessageCreateParamsNonStreaming => {
  const { sampling } = request
  const thinking = thinkingOn(config)
  const content: Array<Anthropic.ContentBlockParam> = [
    ...images.map((image): Anthropic.ImageBlockParam => ({
      type: "image",
      source: { type: "base64", media_type: image.mediaType as ImageMediaType, data: image.base64 }
    })),
    { type: "text", text: request.prompt }
  ]
  return {
    model: config.model,
    max_tokens: sampling.maxTokens + thinkingBudget(config),
    messages: [{ role: "user", content }],
    ...(request.system !== undefined && request.system !== "" ? { system: request.system } : {}),
    ...(config.thinking === undefined
      ? {}
      : config.thinking.type === "enabled"
      ? { thinking: { type: "enabled", budget_tokens: thinkingBudget(config) } }
      : { thinking: { type: config.thinking.type } }),
    ...(thinking
      ? {}
      : {
        temperature: sampling.temperature,
        ...(sampling.topP !== undefined ? { top_p: sampling.topP } : {}),
        ...(config.top_k !== undefined ? { top_k: config.top_k } : {})
      }),
    ...(sampling.stop !== undefined && sampling.stop.length > 0 ? { stop_sequences: [...sampling.stop] } : {})
  }
}
