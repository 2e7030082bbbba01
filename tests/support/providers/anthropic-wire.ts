// The Anthropic Messages API on the wire (POST /v1/messages): request parsing, answers and error bodies.
import { answerFor, type Received, type ReceivedImage, retryHeaders, sentKey, type WireDialect } from "./faults.ts"

type Block = { type?: string; text?: string; source?: { type?: string; media_type?: string; data?: string } }

const lastUserBlocks = (body: Record<string, unknown>): ReadonlyArray<Block> => {
  const messages = (body["messages"] ?? []) as ReadonlyArray<{ role: string; content: string | Array<Block> }>
  const last = [...messages].reverse().find((m) => m.role === "user")
  if (last === undefined) return []
  return typeof last.content === "string" ? [{ type: "text", text: last.content }] : last.content
}

const systemText = (system: unknown): string | undefined =>
  typeof system === "string" ? system : Array.isArray(system) ? (system as Array<Block>).map((b) => b.text ?? "").join("") : undefined

const errorBody = (type: string, message: string) => ({ type: "error", error: { type, message }, request_id: "req_loopback" })

const tokens = (s: string): number => Math.max(1, Math.ceil(s.length / 4))

/** Anthropic's wire format. */
export const anthropicWire: WireDialect = {
  name: "anthropic",
  route: (method, path) => (method === "POST" && path === "/v1/messages" ? "" : undefined),
  parse: (_model, body) => {
    const blocks = lastUserBlocks(body)
    const images: Array<ReceivedImage> = blocks
      .filter((b) => b.type === "image" && b.source?.type === "base64")
      .map((b) => ({ mediaType: b.source?.media_type ?? "", base64: b.source?.data ?? "" }))
    const thinking = body["thinking"] as { type?: string } | undefined
    return {
      model: String(body["model"]),
      prompt: blocks.filter((b) => b.type === "text").map((b) => b.text ?? "").join(""),
      system: systemText(body["system"]),
      images,
      wantsThoughts: thinking?.type === "enabled"
    }
  },
  success: (r: Received) => {
    const { text, thoughts } = answerFor(r.prompt)
    const content = [
      ...(r.wantsThoughts ? [{ type: "thinking", thinking: thoughts, signature: "c2lnbmF0dXJl" }] : []),
      { type: "text", text }
    ]
    return {
      status: 200,
      body: {
        id: "msg_loopback",
        type: "message",
        role: "assistant",
        model: `${r.model}-20250101`,
        content,
        stop_reason: "end_turn",
        stop_sequence: null,
        usage: {
          input_tokens: tokens(r.prompt) + 1_000 * r.images.length,
          output_tokens: tokens(text) + (r.wantsThoughts ? tokens(thoughts) : 0)
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
          body: errorBody("rate_limit_error", "This request would exceed the rate limit for your organization of 50 requests per minute.")
        }
      case "server":
        return fault.status === 529
          ? { status: 529, body: errorBody("overloaded_error", "Overloaded") }
          : { status: fault.status ?? 500, body: errorBody("api_error", "Internal server error") }
      case "quota":
        return {
          status: 400,
          body: errorBody(
            "invalid_request_error",
            "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."
          )
        }
      case "client":
        return { status: 400, body: errorBody("invalid_request_error", "max_tokens: Field required") }
      case "auth":
        return { status: 401, body: errorBody("authentication_error", `invalid x-api-key ${sentKey(r)}`) }
    }
  }
}
