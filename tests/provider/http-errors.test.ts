// Status and transport-error classification, secret scrubbing, API keys and rate keys.
import { Effect, Result } from "effect"
import { describe, expect, it } from "vitest"
import { readApiKey } from "../../src/provider/api-key.ts"
import { fromHttpFailure, fromThrown, redact } from "../../src/provider/http-errors.ts"
import { makeRateKey } from "../../src/provider/rate-key.ts"
import { estimateTokens } from "../../src/provider/estimate.ts"

describe("fromHttpFailure", () => {
  const f = (status: number, extra: object = {}) => fromHttpFailure({ provider: "p", status, message: "m", ...extra })
  it("maps statuses to reasons", () => {
    expect([429, 408, 500, 503, 529, 400, 401, 404].map((s) => f(s).reason))
      .toEqual(["rate-limited", "timeout", "server", "server", "server", "client", "auth", "client"])
    expect(f(400, { auth: true }).reason).toBe("auth")
    expect(f(401).message).toBe("p refused the API key (HTTP 401: m)")
    expect(f(429, { quota: true }).reason).toBe("quota")
    expect(f(429, { headers: new Headers({ "retry-after": "7" }) }).retryAfterMs).toBe(7_000)
    expect(f(429, { retryAfterMs: 1_200, headers: new Headers({ "retry-after": "7" }) }).retryAfterMs).toBe(1_200)
    expect(f(503).message).toBe("p HTTP 503: m")
  })
})

describe("fromThrown", () => {
  it("tells timeouts, malformed bodies and connection failures apart", () => {
    expect(fromThrown("p", new DOMException("aborted", "AbortError")).reason).toBe("timeout")
    const timeout = Object.assign(new Error("fetch failed"), { cause: Object.assign(new Error("headers"), { code: "UND_ERR_HEADERS_TIMEOUT" }) })
    expect(fromThrown("p", timeout).reason).toBe("timeout")
    expect(fromThrown("p", new SyntaxError("Unexpected end of JSON input")).reason).toBe("malformed")
    const refused = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) })
    const e = fromThrown("p", refused)
    expect(e.reason).toBe("network")
    expect(e.message).toContain("ECONNREFUSED")
  })

  it("scrubs the key from messages", () => {
    const key = "sk-live-abcdefghijkl"
    expect(fromThrown("p", new Error(`bad key ${key}`), key).message).not.toContain(key)
    expect(redact(`x ${key} y`, key)).toBe("x [redacted] y")
    expect(redact("model says no", "EMPTY")).toBe("model says no")
    expect(redact("a".repeat(1_000), undefined).length).toBeLessThan(500)
  })
})

describe("keys", () => {
  const host = (env: Record<string, string>) => ({ cacheDir: "/", specDir: "/", teacher: () => Effect.die("none"), env: (n: string) => env[n] })
  it("readApiKey names a missing variable", () => {
    const missing = Effect.runSync(Effect.result(readApiKey(host({}), "MY_KEY")))
    expect(Result.isFailure(missing) && missing.failure.message).toContain("MY_KEY")
    expect(Effect.runSync(readApiKey(host({ MY_KEY: " k1 " }), "MY_KEY"))).toBe("k1")
  })

  it("rate keys differ per key and endpoint and hide the key", () => {
    const a = makeRateKey("openai-compatible", "http://h/v1/", "secret-key-1")
    expect(a).toMatch(/^openai-compatible\|http:\/\/h\/v1\|[0-9a-f]{12}$/u)
    expect(a).not.toContain("secret-key-1")
    expect(makeRateKey("openai-compatible", "http://h/v1", "secret-key-2")).not.toBe(a)
    expect(makeRateKey("openai-compatible", "http://h/v1", "secret-key-1")).toBe(a)
  })
})

describe("estimateTokens", () => {
  it("counts text, images and the output allowance", () => {
    const e = estimateTokens({
      system: "abcd",
      prompt: "x".repeat(40),
      images: [{ path: "a.png", mediaType: "image/png" }],
      sampling: { temperature: 0, maxTokens: 512 },
      sampleIndex: 0
    })
    expect(e).toEqual({ inputTokens: 11 + 1_000, outputTokens: 512 })
  })
})
