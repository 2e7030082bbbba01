// RateLimits: the registry of per-key limiters (requests/min, tokens/min, concurrency, quota and auth stops).
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Semaphore from "effect/Semaphore"
import { fileCell, memoryCell, type WindowCell, windowFile } from "./window-file.ts"
import { admit, correctTokens, type Limits, pauseUntil, waitMs, type WindowState } from "./window-limiter.ts"

/** The limiter shared by every caller of one rate key. */
export interface KeyLimiter {
  readonly key: string
  readonly limits: Limits
  /**
   * Takes a concurrency permit, then waits (first in, first out) until a request may start and its
   * `estimatedTokens` are available, records the start at the actual clock time and runs `effect`
   * holding the permit. Admission is checked again after every sleep, so a late wake-up (a busy event
   * loop) cannot release a burst.
   */
  readonly run: <A, E, R>(estimatedTokens: number, effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** Replaces an estimated token charge by the actual usage. */
  readonly settleTokens: (estimated: number, actual: number) => Effect.Effect<void>
  /** Makes every caller of the key wait `ms` before its next start (a provider's retry-after). */
  readonly pauseFor: (ms: number) => Effect.Effect<void>
  /** Marks the key out of quota: later calls are not sent. */
  readonly tripQuota: (message: string) => Effect.Effect<void>
  readonly clearQuota: Effect.Effect<void>
  /** The quota message once tripped. */
  readonly quota: Effect.Effect<string | undefined>
  /** Marks the key refused by the provider (a bad API key): later calls are not sent, for the process's life. */
  readonly tripAuth: (message: string) => Effect.Effect<void>
  /** The refusal message once tripped. */
  readonly auth: Effect.Effect<string | undefined>
  /** The auth refusal, else the quota message, once tripped; undefined while the key may be used (read at once). */
  readonly stoppedUnsafe: () => { readonly reason: "auth" | "quota"; readonly message: string } | undefined
  /** Callers holding a concurrency permit and waiting for admission (for "waiting on rate limit" progress). */
  readonly waiting: Effect.Effect<number>
}

const makeKeyLimiter = (key: string, limits: Limits, cell: WindowCell): KeyLimiter => {
  const semaphore = limits.concurrency !== undefined && limits.concurrency > 0
    ? Semaphore.makeUnsafe(limits.concurrency)
    : undefined
  const gate = Semaphore.makeUnsafe(1)
  let quota: string | undefined
  let auth: string | undefined
  let waiting = 0
  const withState = <A>(f: (state: WindowState, t: number) => A): Effect.Effect<A> =>
    Clock.clockWith((clock) => Effect.suspend(() => {
      const t = clock.currentTimeMillisUnsafe()
      return cell.update(t, (state) => f(state, t))
    }))
  const admission = (estimatedTokens: number): Effect.Effect<void> =>
    Effect.flatMap(
      withState((state, t) => {
        const wait = waitMs(state, t, estimatedTokens)
        if (wait === 0) admit(state, t, estimatedTokens)
        return wait
      }),
      (wait) => wait === 0 ? Effect.void : Effect.andThen(Effect.sleep(wait), admission(estimatedTokens))
    )
  const queued = (estimatedTokens: number) =>
    Effect.suspend(() => {
      waiting += 1
      return gate.withPermit(admission(estimatedTokens)).pipe(Effect.ensuring(Effect.sync(() => { waiting -= 1 })))
    })
  // With nobody waiting at the gate, a request the window admits at once needs no place in the queue: the
  // check and the admission are one update of the window (under its lock for a shared window file).
  const admitted = (estimatedTokens: number): Effect.Effect<void> =>
    Effect.suspend(() => {
      if (waiting > 0) return queued(estimatedTokens)
      return Effect.flatMap(
        withState((state, t) => {
          if (waiting > 0) return false
          const ready = waitMs(state, t, estimatedTokens) === 0
          if (ready) admit(state, t, estimatedTokens)
          return ready
        }),
        (ready) => (ready ? Effect.void : queued(estimatedTokens))
      )
    })
  return {
    key,
    limits,
    run: (estimatedTokens, effect) => {
      const gated = Effect.andThen(admitted(estimatedTokens), effect)
      return semaphore === undefined ? gated : semaphore.withPermit(gated)
    },
    settleTokens: (estimated, actual) =>
      limits.tokensPerMinute === undefined ? Effect.void : withState((state, t) => correctTokens(state, t, estimated, actual)),
    pauseFor: (ms) => withState((state, t) => pauseUntil(state, t + ms)),
    tripQuota: (message) => Effect.sync(() => { quota ??= message }),
    clearQuota: Effect.sync(() => { quota = undefined }),
    quota: Effect.sync(() => quota),
    tripAuth: (message) => Effect.sync(() => { auth ??= message }),
    auth: Effect.sync(() => auth),
    stoppedUnsafe: () => auth !== undefined ? { reason: "auth", message: auth } : quota !== undefined ? { reason: "quota", message: quota } : undefined,
    waiting: Effect.sync(() => waiting)
  }
}

const memoryCellFor = (_: string, limits: Limits, nowMs: number): WindowCell => memoryCell(limits, nowMs)

const registry = (cellFor: (key: string, limits: Limits, nowMs: number) => WindowCell) => {
  const limiters = new Map<string, KeyLimiter>()
  return RateLimits.of({
    forKey: (key, limits) =>
      Clock.clockWith((clock) =>
        Effect.sync(() => {
          let limiter = limiters.get(key)
          if (limiter === undefined) {
            limiter = makeKeyLimiter(key, limits, cellFor(key, limits, clock.currentTimeMillisUnsafe()))
            limiters.set(key, limiter)
          }
          return limiter
        })
      )
  })
}

/**
 * Per-key limiters shared by everything in the process that uses the same rate key. The first
 * caller of a key fixes its limits; later callers share that limiter whatever limits they pass.
 */
export class RateLimits extends Context.Service<RateLimits, {
  readonly forKey: (key: string, limits: Limits) => Effect.Effect<KeyLimiter>
}>()("distill/RateLimits") {
  /** A fresh, empty registry whose windows live in this process. */
  static readonly layer: Layer.Layer<RateLimits> = Layer.sync(RateLimits, () => registry(memoryCellFor))

  /**
   * A registry whose request and token windows (and retry-after pauses) live in files under `dir`, so
   * every process on the machine using the store shares them: restarts and concurrent runs together
   * stay within the limits. Concurrency permits and quota/auth stops remain per process.
   */
  static readonly shared = (dir: string): Layer.Layer<RateLimits> =>
    Layer.sync(RateLimits, () => registry((key, limits, nowMs) =>
      limits.requestsPerMinute === undefined && limits.tokensPerMinute === undefined
        ? memoryCell(limits, nowMs)
        : fileCell(windowFile(dir, key), limits)))
}
