// Reading a chat completion: content is the text; reasoning_content / reasoning (or <think> tags) the thoughts.
import type OpenAI from "openai"
import { type Completion, TeacherError } from "../../../src/plugins/index.ts"

/** Reasoning fields servers add to the assistant message (vLLM and DeepSeek: reasoning_content; newer servers: reasoning). */
type ReasoningMessage = OpenAI.ChatCompletionMessage & { reasoning_content?: unknown; reasoning?: unknown }

const THINK = /^\s*<think>([\s\S]*?)<\/think>\s*/u

/** Splits a leading `<think>...</think>` section off `content`. */
export const splitThinkTags = (content: string): { readonly text: string; readonly thoughts?: string } => {
  const match = THINK.exec(content)
  return match === null ? { text: content } : { text: content.slice(match[0].length), thoughts: match[1]!.trim() }
}

/** The completion in `response`, or a `malformed` error when it has no choice or usage. */
export const toCompletion = (response: OpenAI.ChatCompletion, thinkTags: boolean): Completion | TeacherError => {
  const choice = response !== null && typeof response === "object" && Array.isArray(response.choices)
    ? response.choices[0]
    : undefined
  if (choice === undefined || choice.message === undefined) {
    return new TeacherError({ reason: "malformed", message: "openai-compatible answer has no choices" })
  }
  const message = choice.message as ReasoningMessage
  const separate = typeof message.reasoning_content === "string"
    ? message.reasoning_content
    : typeof message.reasoning === "string"
    ? message.reasoning
    : undefined
  const content = message.content ?? ""
  const split = separate === undefined && thinkTags ? splitThinkTags(content) : { text: content, thoughts: separate }
  const usage = response.usage
  const reasoningTokens = usage?.completion_tokens_details?.reasoning_tokens
  return {
    text: split.text,
    ...(split.thoughts !== undefined && split.thoughts !== "" ? { thoughts: split.thoughts } : {}),
    usage: {
      inputTokens: usage?.prompt_tokens ?? 0,
      outputTokens: usage?.completion_tokens ?? 0,
      ...(typeof reasoningTokens === "number" ? { thinkingTokens: reasoningTokens } : {})
    },
    finishReason: choice.finish_reason ?? "unknown",
    ...(typeof response.model === "string" ? { model: response.model } : {}),
    raw: response
  }
}
