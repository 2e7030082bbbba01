// Building a chat completions request: system message, images as data URLs, sampling and extra fields.
import type OpenAI from "openai"
import type { TeacherRequest } from "../../../src/plugins/index.ts"
import type { InlineImage } from "../../../src/provider/index.ts"
import type { OpenAiCompatibleConfig } from "./config.ts"

/** The non-streaming `chat.completions.create` body for `request`. */
export const chatBody = (
  config: OpenAiCompatibleConfig,
  request: TeacherRequest,
  images: ReadonlyArray<InlineImage>
): OpenAI.ChatCompletionCreateParamsNonStreaming => {
  const { sampling } = request
  const user: OpenAI.ChatCompletionUserMessageParam = images.length === 0
    ? { role: "user", content: request.prompt }
    : {
      role: "user",
      content: [
        ...images.map((image): OpenAI.ChatCompletionContentPartImage => ({
          type: "image_url",
          image_url: { url: `data:${image.mediaType};base64,${image.base64}` }
        })),
        { type: "text", text: request.prompt }
      ]
    }
  const messages: Array<OpenAI.ChatCompletionMessageParam> = request.system !== undefined && request.system !== ""
    ? [{ role: "system", content: request.system }, user]
    : [user]
  return {
    ...config.extra_body,
    model: config.model,
    messages,
    temperature: sampling.temperature,
    [config.max_tokens_field]: sampling.maxTokens,
    ...(sampling.topP !== undefined ? { top_p: sampling.topP } : {}),
    ...(sampling.stop !== undefined && sampling.stop.length > 0 ? { stop: [...sampling.stop] } : {}),
    ...(config.reasoning_effort !== undefined ? { reasoning_effort: config.reasoning_effort } : {}),
    ...(config.seed ? { seed: request.sampleIndex } : {})
  }
}
