// The google teacher through the real @google/genai SDK against a loopback Gemini API.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import google from "../../../../plugins/teacher/google/index.ts"
import { teacherContract } from "../../../support/providers/contract.ts"
import { geminiWire } from "../../../support/providers/gemini-wire.ts"
import { buildTeacher, generateOnce } from "../../../support/providers/harness.ts"
import { type Loopback, startLoopback } from "../../../support/providers/loopback.ts"

const config = (url: string) => ({ model: "gemini-2.5-flash", base_url: url, include_thoughts: true })

teacherContract({ plugin: google, wire: geminiWire, config, keyEnv: "GEMINI_API_KEY", retryAfterHeaders: false })

describe("google request details", () => {
  let server: Loopback
  beforeAll(async () => { server = await startLoopback(geminiWire) })
  afterAll(() => server.close())
  const sampling = { temperature: 0.4, maxTokens: 700, topP: 0.9, stop: ["Q:"] }
  const env = { GEMINI_API_KEY: "gk" }

  it("sends generation config, thinking config and the key header", async () => {
    const t = await buildTeacher(google, { ...config(server.url), thinking_budget: 1024 }, env)
    if (!("generate" in t)) throw t
    const out = await generateOnce(t, { prompt: "g1", sampling, sampleIndex: 0 })
    if (!out.ok) throw out.error
    const seen = server.requests.at(-1)!
    expect(seen.model).toBe("gemini-2.5-flash")
    expect(seen.body["generationConfig"]).toMatchObject({
      temperature: 0.4,
      maxOutputTokens: 700,
      topP: 0.9,
      stopSequences: ["Q:"],
      thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 }
    })
    expect(seen.headers["x-goog-api-key"]).toBe("gk")
    expect(out.completion.usage.thinkingTokens).toBeGreaterThan(0)
    expect(out.completion.usage.outputTokens).toBeGreaterThan(out.completion.usage.thinkingTokens!)
    expect(out.completion.finishReason).toBe("STOP")
    expect(t.price).toEqual({ inputPerM: 0.3, outputPerM: 2.5 })
  })

  it("sends no thinking config unless asked, and gets no thoughts", async () => {
    const t = await buildTeacher(google, { model: "gemini-2.0-flash", base_url: server.url }, env)
    if (!("generate" in t)) throw t
    const out = await generateOnce(t, { prompt: "g2", sampling, sampleIndex: 0 })
    if (!out.ok) throw out.error
    expect((server.requests.at(-1)!.body["generationConfig"] as Record<string, unknown>)["thinkingConfig"]).toBeUndefined()
    expect(out.completion.thoughts).toBeUndefined()
  })

  it("a per-minute RESOURCE_EXHAUSTED is rate-limited with RetryInfo's delay; 503 is server", async () => {
    const t = await buildTeacher(google, config(server.url), env)
    if (!("generate" in t)) throw t
    server.script = () => ({ kind: "rate-limit", retryAfterMs: 1500 })
    const limited = await generateOnce(t, { prompt: "g3", sampling, sampleIndex: 0 })
    server.script = () => ({ kind: "server", status: 503 })
    const unavailable = await generateOnce(t, { prompt: "g4", sampling, sampleIndex: 0 })
    server.script = () => ({ kind: "ok" })
    expect(limited.ok ? "ok" : [limited.error.reason, limited.error.retryAfterMs]).toEqual(["rate-limited", 1500])
    expect(unavailable.ok ? "ok" : [unavailable.error.reason, unavailable.error.status]).toEqual(["server", 503])
  })
})
