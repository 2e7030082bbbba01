// Mapping OpenAI SDK errors to TeacherError reasons; insufficient_quota and billing codes are quota.
import OpenAI from "openai"
import type { TeacherError } from "../../../src/plugins/index.ts"
import { fromHttpFailure, fromThrown, redact } from "../../../src/provider/index.ts"

/** Codes/types OpenAI uses when the account cannot pay (429 insufficient_quota and billing errors). */
const QUOTA_CODES = new Set(["insufficient_quota", "billing_hard_limit_reached", "billing_not_active"])

/** A TeacherError for anything the SDK threw; `apiKey` is scrubbed from messages. */
export const openAiError = (cause: unknown, apiKey: string | undefined): TeacherError => {
  if (cause instanceof OpenAI.APIError && typeof cause.status === "number") {
    const body = cause.error as { message?: unknown } | undefined
    const message = typeof body?.message === "string" ? body.message : cause.message
    const quota = QUOTA_CODES.has(String(cause.code)) || QUOTA_CODES.has(String(cause.type))
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
