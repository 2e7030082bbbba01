// Reading how long a provider asks us to wait: retry-after-ms, retry-after (seconds or HTTP date), Google RetryInfo.

/** The part of a fetch `Headers` object this module reads. */
export interface HeaderReader {
  readonly get: (name: string) => string | null
}

/**
 * Milliseconds to wait from `retry-after-ms` or `retry-after` (delta seconds or an HTTP date,
 * relative to `nowMs`). Undefined when absent or unparseable; never negative.
 */
export const retryAfterMs = (headers: HeaderReader | undefined, nowMs: number = Date.now()): number | undefined => {
  if (headers === undefined) return undefined
  const ms = headers.get("retry-after-ms")
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/u.test(ms)) return Math.max(0, Math.round(Number(ms)))
  const value = headers.get("retry-after")
  if (value === null || value.trim() === "") return undefined
  if (/^\s*\d+(\.\d+)?\s*$/u.test(value)) return Math.max(0, Math.round(Number(value) * 1000))
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs)
}

/** Milliseconds from a protobuf Duration string such as `"26s"` or `"1.5s"` (Google `RetryInfo.retryDelay`). */
export const durationStringMs = (value: unknown): number | undefined => {
  if (typeof value !== "string") return undefined
  const match = /^\s*(\d+(?:\.\d+)?)s\s*$/u.exec(value)
  return match === null ? undefined : Math.round(Number(match[1]) * 1000)
}
