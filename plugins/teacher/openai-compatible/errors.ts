// Mapping openai-compatible HTTP answers and transport failures to TeacherError reasons; insufficient_quota and billing codes are quota.
import type { TeacherError } from "../../../src/plugins/index.ts"
import { fromHttpFailure, fromThrown, redact } from "../../../src/provider/index.ts"
import { HttpAnswerError } from "./transport.ts"

/** Codes/types OpenAI uses when the account cannot pay (429 insufficient_quota and billing errors). */
const QUOTA_CODES = new Set(["insufficient_quota", "billing_hard_limit_reached", "billing_not_active"])

/** The `error` object of an OpenAI error body, when the body is one. */
const errorObject = (text: string): { message?: unknown; code?: unknown; type?: unknown } | undefined => {
  try {
    const parsed = JSON.parse(text) as { error?: unknown } | null
    const error = parsed?.error
    return typeof error === "object" && error !== null ? error : undefined
  } catch {
    return undefined
  }
}

/** A TeacherError for a failed request; `apiKey` is scrubbed from messages. */
export const openAiError = (cause: unknown, apiKey: string | undefined): TeacherError => {
  if (cause instanceof HttpAnswerError) {
    const error = errorObject(cause.body)
    const message = typeof error?.message === "string" ? error.message : `${cause.status} ${cause.body.trim() || "status code (no body)"}`
    const quota = QUOTA_CODES.has(String(error?.code)) || QUOTA_CODES.has(String(error?.type))
    return fromHttpFailure({
      provider: "openai-compatible",
      status: cause.status,
      message: redact(message, apiKey),
      headers: cause.headers,
      quota
    })
  }
  return fromThrown("openai-compatible", cause, apiKey)
}
