// Mapping Anthropic SDK errors to TeacherError reasons, recognising credit and spend-limit errors as quota.
import Anthropic from "@anthropic-ai/sdk"
import type { TeacherError } from "../../../src/plugins/index.ts"
import { fromHttpFailure, fromThrown, redact } from "../../../src/provider/index.ts"

/** Error codes that mean the organization cannot spend more (details.error_code). */
const QUOTA_CODES = new Set([
  "contract_spend_limit_reached",
  "enforced_spend_limit_reached",
  "linked_organization_spend_limit_reached",
  "linked_organization_billing_unavailable"
])

/** The 400 "Your credit balance is too low to access the Anthropic API" answer and billing messages. */
const QUOTA_MESSAGE = /credit balance|purchase credits|billing|spend limit/iu

/** A TeacherError for anything the SDK threw; `apiKey` is scrubbed from messages. */
export const anthropicError = (cause: unknown, apiKey: string): TeacherError => {
  if (cause instanceof Anthropic.APIError && typeof cause.status === "number") {
    const body = cause.error as { error?: { type?: string; message?: string } } | undefined
    const type = cause.type ?? body?.error?.type
    const message = cause.apiMessage ?? body?.error?.message ?? cause.message
    const quota = type === "billing_error" ||
      (cause.errorCode !== null && QUOTA_CODES.has(cause.errorCode)) ||
      ([400, 402, 403].includes(cause.status) && QUOTA_MESSAGE.test(message))
    return fromHttpFailure({
      provider: "anthropic",
      status: cause.status,
      message: redact(message, apiKey),
      headers: cause.headers,
      quota
    })
  }
  return fromThrown("anthropic", cause, apiKey)
}
