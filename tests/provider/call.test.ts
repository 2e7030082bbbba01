// callWithPolicy and policyCaller against a scripted teacher under the TestClock: retries, dead letters, quota, budget, timeouts.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Layer } from "effect"
import { TestClock } from "effect/testing"
import { TeacherError } from "../../src/plugins/index.ts"
import { Budget } from "../../src/provider/budget.ts"
import { callWithPolicy, policyCaller } from "../../src/provider/call.ts"
import type { CallPolicy } from "../../src/provider/policy.ts"
import { RateLimits } from "../../src/provider/rate-limits.ts"
import { requestFor, scriptedTeacher } from "../support/providers/scripted-teacher.ts"

const fast: Partial<CallPolicy> = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, timeoutMs: 5_000 }
const services = (limitUsd?: number) => Layer.mergeAll(RateLimits.layer, Budget.layer({ limitUsd }))

/** Runs the call in a fiber and lets the test clock run far enough for every sleep. */
const settle = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(effect)
    for (let i = 0; i < 50; i++) yield* TestClock.adjust("1 second")
    return yield* Fiber.join(fiber)
  })

describe("callWithPolicy", () => {
  it.effect("retries transient errors and reports the attempts", () =>
    Effect.gen(function*() {
      const t = scriptedTeacher((_, n) => n === 1 ? { kind: "fail", reason: "server" } : n === 2 ? { kind: "fail", reason: "network" } : { kind: "ok" })
      const out = yield* settle(callWithPolicy(t.service, requestFor("p"), fast))
      assert.strictEqual(out._tag, "ok")
      assert.strictEqual(out.attempts, 3)
      assert.strictEqual(t.calls.get("p"), 3)
    }).pipe(Effect.provide(services())))

  it.effect("client and malformed errors are dead-lettered after one attempt", () =>
    Effect.gen(function*() {
      for (const reason of ["client", "malformed"] as const) {
        const t = scriptedTeacher(() => ({ kind: "fail", reason }))
        const out = yield* settle(callWithPolicy(t.service, requestFor(reason), fast))
        assert.deepStrictEqual(out, { _tag: "dead", reason, message: `scripted ${reason}`, attempts: 1 })
        assert.strictEqual(t.calls.get(reason), 1)
      }
    }).pipe(Effect.provide(services())))

  it.effect("a call failing every time is dead after maxAttempts", () =>
    Effect.gen(function*() {
      const t = scriptedTeacher(() => ({ kind: "fail", reason: "rate-limited" }))
      const out = yield* settle(callWithPolicy(t.service, requestFor("p"), fast))
      assert.strictEqual(out._tag, "dead")
      assert.strictEqual(out.attempts, 4)
      assert.strictEqual(t.calls.get("p"), 4)
    }).pipe(Effect.provide(services())))

  it.effect("maxAttempts 1 means no retry", () =>
    Effect.gen(function*() {
      const t = scriptedTeacher(() => ({ kind: "fail", reason: "server" }))
      const out = yield* settle(callWithPolicy(t.service, requestFor("p"), { ...fast, maxAttempts: 1 }))
      assert.strictEqual(out._tag, "dead")
      assert.strictEqual(t.calls.get("p"), 1)
    }).pipe(Effect.provide(services())))

  it.effect("backoff grows exponentially with jitter and stays under the cap", () =>
    Effect.gen(function*() {
      const t = scriptedTeacher(() => ({ kind: "fail", reason: "server" }))
      yield* settle(callWithPolicy(t.service, requestFor("p"), { ...fast, maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 500 }))
      const gaps = t.times.slice(1).map((x, i) => x - t.times[i]!)
      assert.strictEqual(gaps.length, 5)
      assert.isAtLeast(gaps[0]!, 80)
      assert.isAtMost(gaps[0]!, 120)
      assert.isAtLeast(gaps[1]!, 160)
      for (const gap of gaps) assert.isAtMost(gap, 600)
      assert.isAtLeast(gaps[4]!, 400)
    }).pipe(Effect.provide(services())))

  it.effect("honours retryAfterMs", () =>
    Effect.gen(function*() {
      const t = scriptedTeacher((_, n) => n === 1 ? { kind: "fail", reason: "rate-limited", retryAfterMs: 5_000 } : { kind: "ok" })
      const fiber = yield* Effect.forkChild(callWithPolicy(t.service, requestFor("p"), fast))
      yield* TestClock.adjust("4 seconds")
      assert.strictEqual(t.calls.get("p"), 1)
      assert.isUndefined(fiber.pollUnsafe())
      yield* TestClock.adjust("2 seconds")
      const out = yield* Fiber.join(fiber)
      assert.strictEqual(out._tag, "ok")
      assert.isAtLeast(t.times[1]! - t.times[0]!, 5_000)
    }).pipe(Effect.provide(services())))

  it.effect("an attempt that never answers times out and is retried", () =>
    Effect.gen(function*() {
      const t = scriptedTeacher((_, n) => n < 3 ? { kind: "hang" } : { kind: "ok" })
      const out = yield* settle(callWithPolicy(t.service, requestFor("p"), { ...fast, timeoutMs: 2_000 }))
      assert.strictEqual(out._tag, "ok")
      assert.strictEqual(out.attempts, 3)
      const dead = yield* settle(callWithPolicy(scriptedTeacher(() => ({ kind: "hang" }), { rateKey: "k2" }).service, requestFor("q"), { ...fast, maxAttempts: 2, timeoutMs: 1_000 }))
      assert.strictEqual(dead._tag, "dead")
      if (dead._tag === "dead") assert.strictEqual(dead.reason, "timeout")
    }).pipe(Effect.provide(services())))

  it.effect("a teacher that keeps its own deadline gets the per-attempt limit and is not raced by a timer", () =>
    Effect.gen(function*() {
      const limits: Array<number> = []
      const t = scriptedTeacher(() => ({ kind: "ok" }))
      // answers 3 s after it is asked, past the 1 s limit it was handed: only the teacher enforces the limit it is given
      const slow = { ...t.service, generateWithin: (request: Parameters<typeof t.service.generate>[0], timeoutMs: number) => {
        limits.push(timeoutMs)
        return Effect.andThen(Effect.sleep("3 seconds"), t.service.generate(request))
      } }
      const out = yield* settle(callWithPolicy(slow, requestFor("p"), { ...fast, timeoutMs: 1_000 }))
      assert.strictEqual(out._tag, "ok")
      assert.deepStrictEqual(limits, [1_000])
      // its own timeout is retried like the policy's, then dead-lettered as a timeout
      const timingOut = { ...t.service, rateKey: "k3", generateWithin: (_: unknown, timeoutMs: number) =>
        Effect.andThen(Effect.sleep(timeoutMs), Effect.fail(new TeacherError({ reason: "timeout", message: `no answer within ${timeoutMs} ms` }))) }
      const dead = yield* settle(callWithPolicy(timingOut, requestFor("q"), { ...fast, maxAttempts: 2, timeoutMs: 500 }))
      assert.deepStrictEqual(dead, { _tag: "dead", reason: "timeout", message: "no answer within 500 ms", attempts: 2 })
    }).pipe(Effect.provide(services())))

  it.effect("quota stops at once and no later call on the key is sent", () =>
    Effect.gen(function*() {
      const t = scriptedTeacher((prompt) => prompt === "b" ? { kind: "fail", reason: "quota" } : { kind: "ok" })
      const outs = yield* Effect.forEach(["a", "b", "c", "d"], (p) => settle(callWithPolicy(t.service, requestFor(p), fast)))
      assert.deepStrictEqual(outs.map((o) => o._tag), ["ok", "quota", "quota", "quota"])
      assert.deepStrictEqual([...t.calls.keys()], ["a", "b"])
      assert.strictEqual(t.calls.get("b"), 1)
      assert.strictEqual(outs[2]!.attempts, 0)
    }).pipe(Effect.provide(services())))

  it.effect("a refused API key stops the key at the first answer: no retry, no dead letters, no later call", () =>
    Effect.gen(function*() {
      const t = scriptedTeacher(() => ({ kind: "fail", reason: "auth" }))
      const outs = yield* Effect.forEach(["a", "b", "c"], (p) => settle(callWithPolicy(t.service, requestFor(p), fast)))
      assert.deepStrictEqual(outs.map((o) => o._tag), ["auth", "auth", "auth"])
      assert.deepStrictEqual([...t.calls.entries()], [["a", 1]])
      assert.strictEqual(outs[0]!.attempts, 1)
      assert.strictEqual(outs[1]!.attempts, 0)
    }).pipe(Effect.provide(services())))

  it.effect("the budget admits calls while their upper-bound cost fits, then stops", () =>
    Effect.gen(function*() {
      // each call: estimate 1 + 100 tokens at $1000/M in and out ~ $0.101; actual 30 tokens = $0.03
      const t = scriptedTeacher(() => ({ kind: "ok" }), { price: { inputPerM: 1_000, outputPerM: 1_000 } })
      const outs = yield* Effect.forEach(["a", "b", "c", "d", "e", "f"], (p) => settle(callWithPolicy(t.service, requestFor(p), fast)))
      const tags = outs.map((o) => o._tag)
      assert.deepStrictEqual(tags, ["ok", "ok", "ok", "ok", "ok", "budget"])
      const last = outs[5]!
      if (last._tag === "budget") {
        assert.match(last.message, /budget of \$0\.2500 reached/)
        assert.closeTo(last.spentUsd, 0.15, 1e-9)
      }
      assert.strictEqual(t.calls.size, 5)
      const snap = yield* (yield* Budget).snapshot
      assert.isAtMost(snap.spentUsd, 0.25)
      assert.strictEqual(snap.reservedUsd, 0)
    }).pipe(Effect.provide(services(0.25))))

  it.effect("the spec price overrides the teacher's and the cost is reported", () =>
    Effect.gen(function*() {
      const t = scriptedTeacher(() => ({ kind: "ok", usage: { inputTokens: 1_000_000, outputTokens: 500_000 } }), { price: { inputPerM: 1, outputPerM: 1 } })
      const out = yield* settle(callWithPolicy(t.service, requestFor("p"), { ...fast, price: { inputPerM: 2, outputPerM: 4 } }))
      assert.strictEqual(out._tag, "ok")
      if (out._tag === "ok") assert.closeTo(out.costUsd!, 4, 1e-9)
    }).pipe(Effect.provide(services())))
})

describe("policyCaller", () => {
  it.effect("one caller resolved before a quota trip stops its own later calls", () =>
    Effect.gen(function*() {
      const t = scriptedTeacher((prompt) => prompt === "b" ? { kind: "fail", reason: "quota" } : { kind: "ok" }, { rateKey: "once-quota" })
      const call = yield* policyCaller(t.service, fast)
      const outs = yield* Effect.forEach(["a", "b", "c"], (p) => settle(call(requestFor(p))))
      assert.deepStrictEqual(outs.map((o) => [o._tag, o.attempts]), [["ok", 1], ["quota", 1], ["quota", 0]])
      assert.deepStrictEqual([...t.calls.keys()], ["a", "b"])
    }).pipe(Effect.provide(services())))

  it.effect("a caller and callWithPolicy on the same key share its stops", () =>
    Effect.gen(function*() {
      const t = scriptedTeacher(() => ({ kind: "fail", reason: "auth" }), { rateKey: "once-auth" })
      const call = yield* policyCaller(t.service, fast)
      const first = yield* settle(callWithPolicy(t.service, requestFor("a"), fast))
      const later = yield* settle(call(requestFor("b")))
      assert.deepStrictEqual([first._tag, later._tag, later.attempts], ["auth", "auth", 0])
      assert.strictEqual(t.calls.size, 1)
    }).pipe(Effect.provide(services())))

  it.effect("each call of one caller counts its own attempts and is charged to the budget", () =>
    Effect.gen(function*() {
      const t = scriptedTeacher((prompt, n) => prompt === "a" && n === 1 ? { kind: "fail", reason: "server" } : { kind: "ok" },
        { rateKey: "once-budget", price: { inputPerM: 1_000, outputPerM: 1_000 } })
      const call = yield* policyCaller(t.service, fast)
      const outs = yield* Effect.forEach(["a", "b"], (p) => settle(call(requestFor(p))))
      assert.deepStrictEqual(outs.map((o) => [o._tag, o.attempts]), [["ok", 2], ["ok", 1]])
      const snap = yield* (yield* Budget).snapshot
      assert.strictEqual(snap.pricedCalls, 2)
      assert.strictEqual(snap.reservedUsd, 0)
    }).pipe(Effect.provide(services(10))))
})
