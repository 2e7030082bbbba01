// The OpenAI chat completions API on the wire (POST /v1/chat/completions), with vLLM-style reasoning_content.
import { answerFor, type Received, type ReceivedImage, retryHeaders, sentKey, type WireDialect } from "./faults.ts"

type Part = { type?: string; text?: string; image_url?: { url?: string } }
type Message = { role: string; content: string | Array<Part> | null }

const parts = (m: Message | undefined): ReadonlyArray<Part> =>
  m === undefined || m.content === null ? [] : typeof m.content === "string" ? [{ type: "text", text: m.content }] : m.content

const dataUrl = (url: string): ReceivedImage | undefined => {
  const match = /^data:([^;,]+);base64,(.*)$/su.exec(url)
  return match === null ? undefined : { mediaType: match[1]!, base64: match[2]! }
}

const errorBody = (message: string, type: string, code: string | null) => ({ error: { message, type, param: null, code } })

const tokens = (s: string): number => Math.max(1, Math.ceil(s.length / 4))

/** Options of the OpenAI-compatible dialect. */
export interface OpenAiWireOptions {
  /** Answer reasoning in `reasoning_content` (vLLM / DeepSeek style) when true. */
  readonly reasoning?: boolean
}

/** An OpenAI-compatible wire format (OpenAI, vLLM, Ollama, Together). */
export const openAiWire = (options: OpenAiWireOptions = {}): WireDialect => ({
  name: "openai-compatible",
  route: (method, path) => (method === "POST" && path === "/v1/chat/completions" ? "" : undefined),
  parse: (_model, body) => {
    const messages = (body["messages"] ?? []) as ReadonlyArray<Message>
    const user = [...messages].reverse().find((m) => m.role === "user")
    const system = messages.find((m) => m.role === "system")
    const userParts = parts(user)
    return {
      model: String(body["model"]),
      prompt: userParts.filter((p) => p.type === "text").map((p) => p.text ?? "").join(""),
      system: system === undefined ? undefined : parts(system).map((p) => p.text ?? "").join(""),
      images: userParts.flatMap((p) => {
        const image = p.type === "image_url" ? dataUrl(p.image_url?.url ?? "") : undefined
        return image === undefined ? [] : [image]
      }),
      wantsThoughts: options.reasoning === true
    }
  },
  success: (r: Received) => {
    const { text, thoughts } = answerFor(r.prompt)
    const completion = tokens(text) + (r.wantsThoughts ? tokens(thoughts) : 0)
    const prompt = tokens(r.prompt) + 1_000 * r.images.length
    return {
      status: 200,
      body: {
        id: "chatcmpl-loopback",
        object: "chat.completion",
        created: 1_700_000_000,
        model: r.model,
        choices: [{
          index: 0,
          message: { role: "assistant", content: text, ...(r.wantsThoughts ? { reasoning_content: thoughts } : {}) },
          finish_reason: "stop"
        }],
        usage: {
          prompt_tokens: prompt,
          completion_tokens: completion,
          total_tokens: prompt + completion,
          ...(r.wantsThoughts ? { completion_tokens_details: { reasoning_tokens: tokens(thoughts) } } : {})
        }
      }
    }
  },
  fault: (fault, r) => {
    switch (fault.kind) {
      case "rate-limit":
        return {
          status: 429,
          headers: retryHeaders(fault),
          body: errorBody(
            `Rate limit reached for ${r.model} in organization org-loopback on requests per min (RPM): Limit 3, Used 3, Requested 1.`,
            "requests",
            "rate_limit_exceeded"
          )
        }
      case "server":
        return {
          status: fault.status ?? 500,
          body: errorBody("The server had an error while processing your request. Sorry about that!", "server_error", null)
        }
      case "quota":
        return {
          status: 429,
          body: errorBody(
            "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
            "insufficient_quota",
            "insufficient_quota"
          )
        }
      case "client":
        return { status: 400, body: errorBody("Invalid value for 'temperature'.", "invalid_request_error", "invalid_value") }
      case "auth":
        return {
          status: 401,
          body: errorBody(`Incorrect API key provided: ${sentKey(r)}. You can find your API key at https://platform.openai.com/account/api-keys.`, "invalid_request_error", "invalid_api_key")
        }
    }
  }
})
