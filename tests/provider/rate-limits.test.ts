// The RateLimits registry under the TestClock: shared keys, concurrency, token correction, quota flag.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { TestClock } from "effect/testing"
import { RateLimits } from "../../src/provider/rate-limits.ts"

const now = Effect.clockWith((clock) => Effect.succeed(clock.currentTimeMillisUnsafe()))

describe("RateLimits", () => {
  it.effect("callers of one key share its request window; other keys are independent", () =>
    Effect.gen(function*() {
      const limits = yield* RateLimits
      const a1 = yield* limits.forKey("a", { requestsPerMinute: 2, windowMs: 1_000 })
      const a2 = yield* limits.forKey("a", { requestsPerMinute: 100 })
      const b = yield* limits.forKey("b", { requestsPerMinute: 2, windowMs: 1_000 })
      assert.strictEqual(a1, a2)
      const times: Array<string> = []
      const call = (l: typeof a1, tag: string) => l.run(0, Effect.flatMap(now, (t) => Effect.sync(() => times.push(`${tag}@${t}`))))
      const fiber = yield* Effect.forkChild(
        Effect.all([call(a1, "a"), call(a2, "a"), call(a1, "a"), call(b, "b"), call(b, "b")], { concurrency: "unbounded" })
      )
      yield* TestClock.adjust("1 millis")
      assert.strictEqual(yield* a1.waiting, 2)
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(times.sort(), ["a@0", "a@1000", "a@500", "b@0", "b@500"])
    }).pipe(Effect.provide(RateLimits.layer)))

  it.effect("concurrency permits bound calls in flight", () =>
    Effect.gen(function*() {
      const limiter = yield* (yield* RateLimits).forKey("c", { concurrency: 2 })
      let inFlight = 0
      let peak = 0
      const call = limiter.run(0, Effect.gen(function*() {
        inFlight += 1
        peak = Math.max(peak, inFlight)
        yield* Effect.sleep("100 millis")
        inFlight -= 1
      }))
      const fiber = yield* Effect.forkChild(Effect.all(Array.from({ length: 7 }, () => call), { concurrency: "unbounded" }))
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      assert.strictEqual(peak, 2)
    }).pipe(Effect.provide(RateLimits.layer)))

  it.effect("settled usage frees tokens for the next caller", () =>
    Effect.gen(function*() {
      const limiter = yield* (yield* RateLimits).forKey("t", { tokensPerMinute: 1_000, windowMs: 60_000 })
      yield* limiter.run(1_000, Effect.void)
      yield* limiter.settleTokens(1_000, 100)
      const fiber = yield* Effect.forkChild(limiter.run(900, now))
      yield* TestClock.adjust("1 millis")
      assert.strictEqual(yield* Fiber.join(fiber), 0)
    }).pipe(Effect.provide(RateLimits.layer)))

  it.effect("pauseFor delays the key and quota is remembered until cleared", () =>
    Effect.gen(function*() {
      const limiter = yield* (yield* RateLimits).forKey("q", {})
      yield* limiter.pauseFor(3_000)
      const fiber = yield* Effect.forkChild(limiter.run(0, now))
      yield* TestClock.adjust("5 seconds")
      assert.strictEqual(yield* Fiber.join(fiber), 3_000)
      assert.isUndefined(yield* limiter.quota)
      yield* limiter.tripQuota("out of credit")
      yield* limiter.tripQuota("second message")
      assert.strictEqual(yield* limiter.quota, "out of credit")
      yield* limiter.clearQuota
      assert.isUndefined(yield* limiter.quota)
    }).pipe(Effect.provide(RateLimits.layer)))
})
