// Mapping HTTP statuses and thrown transport errors to TeacherError reasons (shared by every provider).
import { TeacherError } from "../plugins/index.ts"
import { redactSecrets } from "../spec/redact.ts"
import { type HeaderReader, retryAfterMs } from "./retry-after.ts"

/** An HTTP error answer, already inspected by the provider for quota signals. */
export interface HttpFailure {
  readonly provider: string
  readonly status: number
  readonly message: string
  readonly headers?: HeaderReader | undefined
  /** The provider said the account is out of quota or credit (not a per-minute limit). */
  readonly quota?: boolean
  /** The provider said the API key is invalid (401, or a provider-specific answer such as Gemini's API_KEY_INVALID). */
  readonly auth?: boolean
  /** A wait the body asked for (e.g. Google RetryInfo); headers are read when absent. */
  readonly retryAfterMs?: number | undefined
}

/** Longest provider message kept in an error. */
const MAX_MESSAGE = 400

export { redactSecrets, redactValue } from "../spec/redact.ts"

/**
 * `message` with `secret` in every form (raw, URL-encoded, JSON-escaped, base64, hex, after an Authorization
 * header) replaced, then cut to a readable length. Short secrets are replaced where they stand alone.
 */
export const redact = (message: string, secret: string | undefined): string => {
  const clean = redactSecrets(message, [secret], "[redacted]")
  return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE)}...` : clean
}

/** 401 -> auth, 429 -> rate-limited, 408 -> timeout, 5xx (529 included) -> server, other 4xx -> client; quota wins over all. */
export const fromHttpFailure = (failure: HttpFailure): TeacherError => {
  const { status } = failure
  const wait = failure.retryAfterMs ?? retryAfterMs(failure.headers)
  const reason: TeacherError["reason"] = failure.quota === true
    ? "quota"
    : status === 401 || failure.auth === true
    ? "auth"
    : status === 429
    ? "rate-limited"
    : status === 408
    ? "timeout"
    : status >= 500
    ? "server"
    : "client"
  return new TeacherError({
    reason,
    message: reason === "auth"
      ? `${failure.provider} refused the API key (HTTP ${status}: ${failure.message})`
      : `${failure.provider} HTTP ${status}: ${failure.message}`,
    status,
    ...(wait !== undefined && reason !== "quota" ? { retryAfterMs: wait } : {})
  })
}

const TIMEOUT_NAMES = new Set(["TimeoutError", "AbortError", "APIConnectionTimeoutError"])
const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT", "ETIMEDOUT"])

/** Walks an error and its `cause` chain. */
const chain = (cause: unknown): ReadonlyArray<{ name?: unknown; code?: unknown; message?: unknown }> => {
  const out: Array<{ name?: unknown; code?: unknown; message?: unknown }> = []
  let current: unknown = cause
  while (typeof current === "object" && current !== null && out.length < 8) {
    out.push(current as { name?: unknown; code?: unknown; message?: unknown })
    current = (current as { cause?: unknown }).cause
  }
  return out
}

/**
 * A thrown error that carries no HTTP status: timeouts (SDK timeout classes, aborted fetches, undici
 * timeouts) -> timeout, JSON syntax errors -> malformed, anything else from the transport -> network.
 */
export const fromThrown = (provider: string, cause: unknown, secret?: string): TeacherError => {
  const links = chain(cause)
  const text = redact(
    links.map((l) => (typeof l.message === "string" ? l.message : "")).filter((m) => m !== "").join(": ") ||
      String(cause),
    secret
  )
  if (links.some((l) => TIMEOUT_NAMES.has(String(l.name)) || TIMEOUT_CODES.has(String(l.code)))) {
    return new TeacherError({ reason: "timeout", message: `${provider} request timed out: ${text}` })
  }
  if (links.some((l) => l.name === "SyntaxError")) {
    return new TeacherError({ reason: "malformed", message: `${provider} answered an unparseable body: ${text}` })
  }
  return new TeacherError({ reason: "network", message: `${provider} connection failed: ${text}` })
}
