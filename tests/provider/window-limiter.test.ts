// The pure limiter bookkeeping: sliding request log, token bucket with correction, pauses.
import { describe, expect, it } from "vitest"
import { admit, correctTokens, makeWindowState, pauseUntil, type WindowState, waitMs } from "../../src/provider/window-limiter.ts"
import { maxInWindow } from "../support/providers/loopback.ts"

/** Admits a request arriving at `t` the way the service does: wait, re-check, admit. Returns its start. */
const startAt = (state: WindowState, t: number, tokens: number): number => {
  let now = t
  for (let wait = waitMs(state, now, tokens); wait > 0; wait = waitMs(state, now, tokens)) now += wait
  admit(state, now, tokens)
  return now
}

describe("window limiter", () => {
  it("never starts more than the request limit in any window", () => {
    const state = makeWindowState({ requestsPerMinute: 5, windowMs: 1_000 }, 0)
    let last = 0
    // 40 callers arriving at irregular times, served in order
    const starts = Array.from({ length: 40 }, (_, i) => (last = startAt(state, Math.max(last, (i * 37) % 500 + i * 10), 0)))
    expect(maxInWindow(starts, 1_000)).toBe(5)
    expect(starts.slice(0, 6)).toEqual([0, 200, 400, 600, 800, 1_000])
  })

  it("spreads a fresh window out instead of releasing it at once", () => {
    const state = makeWindowState({ requestsPerMinute: 300 }, 0)
    const starts = Array.from({ length: 50 }, () => startAt(state, 0, 0))
    expect(starts.slice(0, 4)).toEqual([0, 200, 400, 600])
    expect(starts.filter((t) => t < 1_000).length).toBe(5)
    expect(maxInWindow(starts, 10_000)).toBe(50)
  })

  it("a late caller is checked against actual starts", () => {
    const state = makeWindowState({ requestsPerMinute: 2, windowMs: 1_000 }, 0)
    admit(state, 0, 0)
    admit(state, 900, 0)
    expect(waitMs(state, 950, 0)).toBe(450)
    expect(waitMs(state, 1_400, 0)).toBe(0)
    const ring = makeWindowState({ requestsPerMinute: 2, windowMs: 1_000 }, 0)
    admit(ring, 0, 0)
    admit(ring, 500, 0)
    expect(waitMs(ring, 600, 0)).toBe(400)
  })

  it("without limits every start is immediate", () => {
    const state = makeWindowState({}, 0)
    expect([startAt(state, 5, 1e9), startAt(state, 6, 1e9)]).toEqual([5, 6])
  })

  it("tokens/min: a full bucket first, then requests wait for their tokens", () => {
    const state = makeWindowState({ tokensPerMinute: 6_000, windowMs: 60_000 }, 0) // 0.1 token per ms
    expect(startAt(state, 0, 4_000)).toBe(0)
    expect(startAt(state, 0, 2_000)).toBe(0)
    expect(startAt(state, 0, 1_000)).toBe(10_000)
    expect(startAt(state, 10_000, 500)).toBe(15_000)
    // a request larger than the bucket waits for a full bucket, then goes into debt
    expect(startAt(state, 15_000, 9_000)).toBe(75_000)
    expect(waitMs(state, 75_000, 1)).toBe(30_010)
  })

  it("correcting an over-estimate gives tokens back", () => {
    const state = makeWindowState({ tokensPerMinute: 6_000, windowMs: 60_000 }, 0)
    admit(state, 0, 6_000)
    correctTokens(state, 0, 6_000, 1_000) // actual usage was 1,000
    expect(startAt(state, 0, 5_000)).toBe(0)
    expect(waitMs(state, 0, 100)).toBe(1_000)
  })

  it("an under-estimate is charged afterwards", () => {
    const state = makeWindowState({ tokensPerMinute: 6_000, windowMs: 60_000 }, 0)
    admit(state, 0, 1_000)
    correctTokens(state, 0, 1_000, 6_000) // the bucket is now empty instead of holding 5,000
    expect(waitMs(state, 0, 600)).toBe(6_000)
  })

  it("a pause holds back every later start", () => {
    const state = makeWindowState({ requestsPerMinute: 100 }, 0)
    pauseUntil(state, 2_500)
    expect(startAt(state, 100, 0)).toBe(2_500)
    expect(startAt(state, 3_200, 0)).toBe(3_200)
  })
})
