// Scripted faults a loopback provider server can answer with, and what the server recorded of a request.

/** One scripted answer: success or an injected fault. */
export type Fault =
  | { readonly kind: "ok" }
  /** 429; `retryAfter` is sent as the `retry-after` header (seconds or HTTP date), `retryAfterMs` as `retry-after-ms`. */
  | { readonly kind: "rate-limit"; readonly retryAfter?: string; readonly retryAfterMs?: number }
  /** 500 by default (Anthropic's overload is 529). */
  | { readonly kind: "server"; readonly status?: number }
  /** Headers never come: the client must time out. */
  | { readonly kind: "hang" }
  /** 200 with a truncated JSON body. */
  | { readonly kind: "malformed" }
  /** The provider's own out-of-quota / out-of-credit answer. */
  | { readonly kind: "quota" }
  /** A plain 400 invalid request. */
  | { readonly kind: "client" }
  /** The provider's answer to an invalid API key (it echoes the key it was sent). */
  | { readonly kind: "auth" }

/** An image as the server decoded it from the request. */
export interface ReceivedImage {
  readonly mediaType: string
  readonly base64: string
}

/** What the server read from one request. */
export interface Received {
  readonly model: string
  readonly prompt: string
  readonly system: string | undefined
  readonly images: ReadonlyArray<ReceivedImage>
  /** The request asked for separate reasoning (thinking enabled, includeThoughts, ...). */
  readonly wantsThoughts: boolean
  readonly body: Record<string, unknown>
  readonly headers: Readonly<Record<string, string | Array<string> | undefined>>
  /** `performance.now()` at arrival. */
  readonly at: number
}

/** Decides the answer to a request; `attempt` counts the requests seen for its prompt (1-based). */
export type FaultScript = (received: Received, attempt: number) => Fault

/** An HTTP answer a wire dialect renders. */
export interface WireAnswer {
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
  /** A JSON value, or a raw string sent as is. */
  readonly body: unknown
}

/** How one provider's API looks on the wire. */
export interface WireDialect {
  readonly name: string
  /** The model named by the path of a request ("" when the body names it), or undefined for a foreign route. */
  readonly route: (method: string, path: string) => string | undefined
  readonly parse: (model: string, body: Record<string, unknown>) => Omit<Received, "body" | "headers" | "at">
  readonly success: (received: Received) => WireAnswer
  readonly fault: (fault: Exclude<Fault, { kind: "ok" | "hang" | "malformed" }>, received: Received) => WireAnswer
}

/** The API key a request carried (any provider's header), for answers that echo it. */
export const sentKey = (r: Received): string => {
  const h = r.headers["authorization"] ?? r.headers["x-api-key"] ?? r.headers["x-goog-api-key"] ?? ""
  return String(h).replace(/^Bearer /u, "")
}

/** The deterministic answer text and reasoning a loopback server gives for a prompt. */
export const answerFor = (prompt: string): { readonly text: string; readonly thoughts: string } => ({
  text: `The answer to "${prompt}" is 42. Final Answer: \\boxed{42}`,
  thoughts: `Let me think about "${prompt}" step by step.`
})

/** The `retry-after` headers of a rate-limit fault. */
export const retryHeaders = (fault: { readonly retryAfter?: string; readonly retryAfterMs?: number }): Record<string, string> => ({
  ...(fault.retryAfter !== undefined ? { "retry-after": fault.retryAfter } : {}),
  ...(fault.retryAfterMs !== undefined ? { "retry-after-ms": String(fault.retryAfterMs) } : {})
})
