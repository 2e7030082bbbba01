// Pure rate-limit bookkeeping for one key: a sliding log of request starts, even spacing, and a token bucket.

/**
 * Limits for one rate key. "Per minute" means per `windowMs` (60,000 by default), so tests and
 * scaled configurations can use a short window with the same meaning.
 */
export interface Limits {
  readonly requestsPerMinute?: number
  readonly tokensPerMinute?: number
  /** Calls in flight at once for the key. */
  readonly concurrency?: number
  readonly windowMs?: number
}

/** Mutable limiter state; only the functions below touch it. */
export interface WindowState {
  readonly windowMs: number
  readonly requests: number | undefined
  readonly tokens: number | undefined
  /** Admission times of the most recent requests: a ring of at most `requests` entries. */
  starts: Array<number>
  /** Index of the oldest entry once the ring is full. */
  oldest: number
  /** The latest admission: the next may start `windowMs / requests` later (no bursts). */
  lastStart: number
  /** Token bucket level (negative = debt) at `bucketAt`. */
  bucket: number
  bucketAt: number
  pausedUntil: number
}

const positive = (n: number | undefined): number | undefined => (n !== undefined && n > 0 ? n : undefined)

/** A fresh state with a full token bucket. */
export const makeWindowState = (limits: Limits, nowMs: number): WindowState => {
  const tokens = positive(limits.tokensPerMinute)
  return {
    windowMs: positive(limits.windowMs) ?? 60_000,
    requests: positive(limits.requestsPerMinute),
    tokens,
    starts: [],
    oldest: 0,
    lastStart: Number.NEGATIVE_INFINITY,
    bucket: tokens ?? 0,
    bucketAt: nowMs,
    pausedUntil: Number.NEGATIVE_INFINITY
  }
}

const refill = (state: WindowState, nowMs: number): void => {
  if (state.tokens === undefined) return
  const elapsed = Math.max(0, nowMs - state.bucketAt)
  state.bucket = Math.min(state.tokens, state.bucket + (elapsed * state.tokens) / state.windowMs)
  state.bucketAt = Math.max(state.bucketAt, nowMs)
}

/**
 * Milliseconds to wait before a request charged `estimatedTokens` may start at `nowMs` (0: now).
 * A request needs a free place among the last `requests` starts of the window, `windowMs / requests`
 * since the previous start (so a fresh window is spread out, not released at once), a bucket holding
 * its tokens (or full, for a request larger than the bucket) and no pause in force.
 */
export const waitMs = (state: WindowState, nowMs: number, estimatedTokens: number): number => {
  let wait = state.pausedUntil - nowMs
  if (state.requests !== undefined) {
    wait = Math.max(wait, state.lastStart + state.windowMs / state.requests - nowMs)
    if (state.starts.length >= state.requests) wait = Math.max(wait, state.starts[state.oldest]! + state.windowMs - nowMs)
  }
  if (state.tokens !== undefined) {
    refill(state, nowMs)
    const need = Math.min(estimatedTokens, state.tokens)
    if (state.bucket < need) wait = Math.max(wait, ((need - state.bucket) * state.windowMs) / state.tokens)
  }
  return Math.max(0, Math.ceil(wait))
}

/** Records a request admitted at `nowMs` (call only when `waitMs` is 0). */
export const admit = (state: WindowState, nowMs: number, estimatedTokens: number): void => {
  if (state.requests !== undefined) {
    state.lastStart = Math.max(state.lastStart, nowMs)
    if (state.starts.length < state.requests) state.starts.push(nowMs)
    else {
      state.starts[state.oldest] = nowMs
      state.oldest = (state.oldest + 1) % state.requests
    }
  }
  if (state.tokens !== undefined) {
    refill(state, nowMs)
    state.bucket -= estimatedTokens
  }
}

/** Corrects the token charge once actual usage is known (`estimated - actual` goes back to the bucket). */
export const correctTokens = (state: WindowState, nowMs: number, estimated: number, actual: number): void => {
  if (state.tokens === undefined) return
  refill(state, nowMs)
  state.bucket = Math.min(state.tokens, state.bucket + estimated - actual)
}

/** Holds back every start until `untilMs` (a provider asked the whole key to wait). */
export const pauseUntil = (state: WindowState, untilMs: number): void => {
  state.pausedUntil = Math.max(state.pausedUntil, untilMs)
}
