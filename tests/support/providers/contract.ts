// The behaviour every provider teacher must show against its loopback server (shared test suite).
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { TeacherPlugin, TeacherRequest } from "../../../src/plugins/index.ts"
import { type FaultScript, answerFor, type WireDialect } from "./faults.ts"
import { writePng } from "./fixtures.ts"
import { buildTeacher, generateOnce } from "./harness.ts"
import { type Loopback, startLoopback } from "./loopback.ts"

/** What the suite needs to know about one provider. */
export interface ContractOptions {
  readonly plugin: TeacherPlugin
  readonly wire: WireDialect
  /** The plugin's `with:` config for a server at `url`, with thoughts requested. */
  readonly config: (url: string) => Record<string, unknown>
  /** The environment variable the config reads the key from by default. */
  readonly keyEnv: string
  /** True when the provider's rate-limit answer carries retry-after headers (Google uses RetryInfo in the body). */
  readonly retryAfterHeaders: boolean
}

const KEY = "sk-test-SECRET-0123456789"

/** Registers the shared provider tests in the current file. */
export const teacherContract = (o: ContractOptions): void => {
  let server: Loopback
  beforeAll(async () => { server = await startLoopback(o.wire) })
  afterAll(() => server.close())
  const teacher = () => buildTeacher(o.plugin, o.config(server.url), { [o.keyEnv]: KEY })
  const req = (prompt: string, extra: Partial<TeacherRequest> = {}): TeacherRequest => ({
    prompt,
    sampling: { temperature: 0.7, maxTokens: 256 },
    sampleIndex: 0,
    ...extra
  })
  const withScript = async (script: FaultScript, prompt: string, config: Record<string, unknown> = o.config(server.url)) => {
    server.script = script
    try {
      const t = await buildTeacher(o.plugin, config, { [o.keyEnv]: KEY })
      if (!("generate" in t)) throw t
      return await generateOnce(t, req(prompt))
    } finally {
      server.script = () => ({ kind: "ok" })
    }
  }
  const failure = async (script: FaultScript, prompt: string) => {
    const out = await withScript(script, prompt)
    if (out.ok) throw new Error(`expected a failure for ${prompt}`)
    return out.error
  }

  describe(`${o.plugin.name} teacher contract`, () => {
    it("returns the answer text and the separate reasoning as thoughts", async () => {
      const t = await teacher()
      if (!("generate" in t)) throw t
      const out = await generateOnce(t, req("What is 6 x 7?", { system: "You are a careful solver." }))
      if (!out.ok) throw out.error
      expect(out.completion.text).toBe(answerFor("What is 6 x 7?").text)
      expect(out.completion.thoughts).toBe(answerFor("What is 6 x 7?").thoughts)
      expect(out.completion.usage.inputTokens).toBeGreaterThan(0)
      expect(out.completion.usage.outputTokens).toBeGreaterThan(0)
      expect(out.completion.raw).toBeDefined()
      const seen = server.requests.at(-1)!
      expect(seen.system).toBe("You are a careful solver.")
      expect(seen.wantsThoughts).toBe(true)
    })

    it("sends images read from their files", async () => {
      const t = await teacher()
      if (!("generate" in t)) throw t
      const path = writePng()
      const out = await generateOnce(t, req("Describe the image", { images: [{ path, mediaType: "image/png" }] }))
      if (!out.ok) throw out.error
      const seen = server.requests.at(-1)!
      expect(seen.images).toHaveLength(1)
      expect(seen.images[0]!.mediaType).toBe("image/png")
      expect(Buffer.from(seen.images[0]!.base64, "base64").subarray(1, 4).toString()).toBe("PNG")
    })

    it("a missing image file is a client error", async () => {
      const t = await teacher()
      if (!("generate" in t)) throw t
      const out = await generateOnce(t, req("x", { images: [{ path: "/nonexistent/x.png", mediaType: "image/png" }] }))
      expect(out.ok ? "ok" : out.error.reason).toBe("client")
    })

    it("a missing key names the variable and shows no value", async () => {
      const built = await buildTeacher(o.plugin, o.config(server.url), { OTHER: KEY })
      expect("generate" in built).toBe(false)
      if (!("generate" in built)) {
        expect(built.reason).toBe("client")
        expect(built.message).toContain(o.keyEnv)
        expect(built.message).not.toContain(KEY)
      }
    })

    it("the rate key names provider and endpoint, never the key", async () => {
      const t = await teacher()
      if (!("generate" in t)) throw t
      expect(t.rateKey).toContain(server.url)
      expect(t.rateKey).not.toContain(KEY)
      const other = await buildTeacher(o.plugin, o.config(server.url), { [o.keyEnv]: `${KEY}-2` })
      if (!("generate" in other)) throw other
      expect(other.rateKey).not.toBe(t.rateKey)
    })

    it("maps 429 to rate-limited with the wait the provider asked for", async () => {
      const e = await failure(() => ({ kind: "rate-limit", retryAfter: "2" }), "rl-seconds")
      expect(e.reason).toBe("rate-limited")
      expect(e.status).toBe(429)
      expect(e.retryAfterMs).toBe(2_000)
      if (o.retryAfterHeaders) {
        const ms = await failure(() => ({ kind: "rate-limit", retryAfterMs: 750 }), "rl-ms")
        expect(ms.retryAfterMs).toBe(750)
        const date = new Date(Date.now() + 30_000).toUTCString()
        const byDate = await failure(() => ({ kind: "rate-limit", retryAfter: date }), "rl-date")
        expect(byDate.retryAfterMs).toBeGreaterThan(25_000)
        expect(byDate.retryAfterMs).toBeLessThanOrEqual(30_000)
      }
    })

    it("maps 5xx to server and makes a single request (SDK retries are off)", async () => {
      const before = server.attempts.get("five-hundred") ?? 0
      const e = await failure(() => ({ kind: "server" }), "five-hundred")
      expect(e.reason).toBe("server")
      expect(e.status).toBe(500)
      expect(server.attempts.get("five-hundred")! - before).toBe(1)
    })

    it("maps the provider's quota answer to quota", async () => {
      const e = await failure(() => ({ kind: "quota" }), "no-credit")
      expect(e.reason).toBe("quota")
      expect(e.message).not.toContain(KEY)
    })

    it("maps the provider's invalid-key answer to auth, without the key in the message", async () => {
      const e = await failure(() => ({ kind: "auth" }), "bad-key")
      expect(e.reason).toBe("auth")
      expect(e.message).toMatch(/refused the API key/u)
      expect(e.message).not.toContain(KEY)
    })

    it("maps an invalid request to client", async () => {
      expect((await failure(() => ({ kind: "client" }), "bad")).reason).toBe("client")
    })

    it("maps an unparseable body to malformed", async () => {
      expect((await failure(() => ({ kind: "malformed" }), "garbled")).reason).toBe("malformed")
    })

    it("maps a hanging response to timeout", async () => {
      const out = await withScript(() => ({ kind: "hang" }), "hang", { ...o.config(server.url), timeout_ms: 300 })
      expect(out.ok ? "ok" : out.error.reason).toBe("timeout")
    })

    it("maps a refused connection to network", async () => {
      const closed = await startLoopback(o.wire)
      const url = closed.url
      await closed.close()
      const t = await buildTeacher(o.plugin, o.config(url), { [o.keyEnv]: KEY })
      if (!("generate" in t)) throw t
      const out = await generateOnce(t, req("refused"))
      expect(out.ok ? "ok" : out.error.reason).toBe("network")
    })
  })
}
