// Parsing the waits providers ask for.
import { describe, expect, it } from "vitest"
import { durationStringMs, retryAfterMs } from "../../src/provider/retry-after.ts"

const h = (entries: Record<string, string>) => new Headers(entries)

describe("retryAfterMs", () => {
  it("reads retry-after-ms first, then retry-after in seconds or as an HTTP date", () => {
    expect(retryAfterMs(h({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250)
    expect(retryAfterMs(h({ "retry-after": "3" }))).toBe(3_000)
    expect(retryAfterMs(h({ "retry-after": "1.5" }))).toBe(1_500)
    const now = Date.parse("2025-01-01T00:00:00Z")
    expect(retryAfterMs(h({ "retry-after": "Wed, 01 Jan 2025 00:00:20 GMT" }), now)).toBe(20_000)
    expect(retryAfterMs(h({ "retry-after": "Tue, 31 Dec 2024 23:59:00 GMT" }), now)).toBe(0)
  })

  it("is undefined when absent or unparseable", () => {
    expect(retryAfterMs(undefined)).toBeUndefined()
    expect(retryAfterMs(h({}))).toBeUndefined()
    expect(retryAfterMs(h({ "retry-after": "soon" }))).toBeUndefined()
  })
})

describe("durationStringMs", () => {
  it("reads protobuf durations", () => {
    expect(durationStringMs("26s")).toBe(26_000)
    expect(durationStringMs("0.5s")).toBe(500)
    expect(durationStringMs("5m")).toBeUndefined()
    expect(durationStringMs(undefined)).toBeUndefined()
  })
})
