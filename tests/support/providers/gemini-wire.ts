// The Gemini API on the wire (POST /v1beta/models/{model}:generateContent): parts, thought parts, google.rpc errors.
import { answerFor, type Received, type ReceivedImage, sentKey, type WireDialect } from "./faults.ts"

type Part = { text?: string; thought?: boolean; inlineData?: { mimeType?: string; data?: string } }
type Content = { role?: string; parts?: Array<Part> }

const errorBody = (code: number, status: string, message: string, details: ReadonlyArray<unknown> = []) => ({
  error: { code, message, status, ...(details.length > 0 ? { details } : {}) }
})

const tokens = (s: string): number => Math.max(1, Math.ceil(s.length / 4))

/** Seconds in a `retry-after` header value, for RetryInfo. */
const seconds = (fault: { readonly retryAfter?: string; readonly retryAfterMs?: number }): string =>
  fault.retryAfterMs !== undefined ? `${fault.retryAfterMs / 1000}s` : `${Number(fault.retryAfter ?? "1")}s`

/** Gemini's wire format (Google AI Studio, `x-goog-api-key`). */
export const geminiWire: WireDialect = {
  name: "google",
  route: (method, path) => {
    const match = /^\/v1beta\/models\/([^:/]+):generateContent$/u.exec(path)
    return method === "POST" && match !== null ? decodeURIComponent(match[1]!) : undefined
  },
  parse: (model, body) => {
    const contents = (body["contents"] ?? []) as ReadonlyArray<Content>
    const user = [...contents].reverse().find((c) => c.role === "user" || c.role === undefined)
    const userParts = user?.parts ?? []
    const system = body["systemInstruction"] as Content | undefined
    const config = body["generationConfig"] as { thinkingConfig?: { includeThoughts?: boolean } } | undefined
    return {
      model,
      prompt: userParts.filter((p) => p.text !== undefined).map((p) => p.text).join(""),
      system: system?.parts?.map((p) => p.text ?? "").join(""),
      images: userParts.flatMap((p): Array<ReceivedImage> =>
        p.inlineData === undefined ? [] : [{ mediaType: p.inlineData.mimeType ?? "", base64: p.inlineData.data ?? "" }]
      ),
      wantsThoughts: config?.thinkingConfig?.includeThoughts === true
    }
  },
  success: (r: Received) => {
    const { text, thoughts } = answerFor(r.prompt)
    const parts = [...(r.wantsThoughts ? [{ text: thoughts, thought: true }] : []), { text }]
    return {
      status: 200,
      body: {
        candidates: [{ content: { parts, role: "model" }, finishReason: "STOP", index: 0 }],
        usageMetadata: {
          promptTokenCount: tokens(r.prompt) + 258 * r.images.length,
          candidatesTokenCount: tokens(text),
          ...(r.wantsThoughts ? { thoughtsTokenCount: tokens(thoughts) } : {}),
          totalTokenCount: tokens(r.prompt) + tokens(text)
        },
        modelVersion: r.model,
        responseId: "loopback"
      }
    }
  },
  fault: (fault, r) => {
    switch (fault.kind) {
      case "rate-limit":
        return {
          status: 429,
          body: errorBody(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details.", [
            {
              "@type": "type.googleapis.com/google.rpc.QuotaFailure",
              violations: [{
                quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                quotaValue: "10"
              }]
            },
            { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: seconds(fault) }
          ])
        }
      case "server":
        return fault.status === 503
          ? { status: 503, body: errorBody(503, "UNAVAILABLE", "The model is overloaded. Please try again later.") }
          : { status: fault.status ?? 500, body: errorBody(500, "INTERNAL", "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting") }
      case "quota":
        return {
          status: 429,
          body: errorBody(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details.", [
            {
              "@type": "type.googleapis.com/google.rpc.QuotaFailure",
              violations: [{
                quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                quotaId: "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
                quotaValue: "250"
              }]
            }
          ])
        }
      case "client":
        return { status: 400, body: errorBody(400, "INVALID_ARGUMENT", "Invalid JSON payload received.") }
      case "auth":
        return {
          status: 400,
          body: errorBody(400, "INVALID_ARGUMENT", `API key not valid (${sentKey(r)}). Please pass a valid API key.`, [
            { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID", domain: "googleapis.com" }
          ])
        }
    }
  }
}
