// Reading a Messages API answer: text blocks become the text, thinking blocks the thoughts.
import type Anthropic from "@anthropic-ai/sdk"
import { type Completion, TeacherError } from "../../../src/plugins/index.ts"

/** The completion in `message`, or a `malformed` error when the body lacks the expected fields. */
export const toCompletion = (message: Anthropic.Message): Completion | TeacherError => {
  if (message === null || typeof message !== "object" || !Array.isArray(message.content) || message.usage === undefined) {
    return new TeacherError({ reason: "malformed", message: "anthropic answer has no content array or usage" })
  }
  const text = message.content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("")
  const thoughts = message.content.flatMap((b) => (b.type === "thinking" ? [b.thinking] : [])).join("\n\n")
  const usage = message.usage
  const thinkingTokens = usage.output_tokens_details?.thinking_tokens
  return {
    text,
    ...(thoughts !== "" ? { thoughts } : {}),
    usage: {
      inputTokens: usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0),
      outputTokens: usage.output_tokens,
      ...(typeof thinkingTokens === "number" ? { thinkingTokens } : {})
    },
    finishReason: message.stop_reason ?? "unknown",
    model: message.model,
    raw: message
  }
}
