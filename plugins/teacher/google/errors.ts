// Mapping @google/genai errors to TeacherError reasons, telling per-minute limits from exhausted quota.
import { ApiError } from "@google/genai"
import type { TeacherError } from "../../../src/plugins/index.ts"
import { durationStringMs, fromHttpFailure, fromThrown, type HeaderReader, redact } from "../../../src/provider/index.ts"

/** The google.rpc error body the SDK puts (as JSON) in `ApiError.message`. */
interface RpcError {
  readonly code?: number
  readonly message?: string
  readonly status?: string
  readonly details?: ReadonlyArray<{
    readonly "@type"?: string
    readonly reason?: string
    readonly retryDelay?: string
    readonly violations?: ReadonlyArray<{ readonly quotaId?: string; readonly quotaMetric?: string }>
  }>
}

const parseRpc = (text: string): RpcError | undefined => {
  try {
    const body = JSON.parse(text) as { error?: RpcError }
    return typeof body === "object" && body !== null ? body.error : undefined
  } catch {
    return undefined
  }
}

/**
 * Gemini answers every 429 with RESOURCE_EXHAUSTED and "You exceeded your current quota", per-minute
 * limits included. It is quota only when a violated limit is per day or month, or when nothing says it
 * is short-lived (no RetryInfo, no per-minute violation) and the text speaks of quota or billing.
 * 400/403 answers asking to enable billing are quota too.
 */
const isQuota = (status: number, rpc: RpcError | undefined, retryDelayMs: number | undefined): boolean => {
  const message = rpc?.message ?? ""
  if (status === 400 || status === 403) return /billing/iu.test(message)
  if (status !== 429) return false
  const ids = (rpc?.details ?? []).flatMap((d) => d.violations ?? []).map((v) => `${v.quotaId ?? ""} ${v.quotaMetric ?? ""}`)
  if (ids.some((id) => /per ?(day|month)/iu.test(id))) return true
  if (retryDelayMs !== undefined || ids.some((id) => /per ?(minute|second)/iu.test(id))) return false
  return /quota|billing/iu.test(message)
}

/** A TeacherError for anything the SDK threw; `headers` are the HTTP answer's when one came. */
export const googleError = (cause: unknown, apiKey: string, headers: HeaderReader | undefined): TeacherError => {
  if (cause instanceof ApiError) {
    const rpc = parseRpc(cause.message)
    const retryDelay = (rpc?.details ?? []).find((d) => d["@type"]?.endsWith("google.rpc.RetryInfo") === true)?.retryDelay
    const retryDelayMs = durationStringMs(retryDelay)
    return fromHttpFailure({
      provider: "google",
      status: cause.status,
      message: redact(rpc?.message ?? cause.message, apiKey),
      headers,
      quota: isQuota(cause.status, rpc, retryDelayMs),
      auth: (rpc?.details ?? []).some((d) => d.reason === "API_KEY_INVALID"),
      retryAfterMs: retryDelayMs
    })
  }
  return fromThrown("google", cause, apiKey)
}
