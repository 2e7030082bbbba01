// The anthropic teacher through the real SDK against a loopback Messages API.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import anthropic from "../../../../plugins/teacher/anthropic/index.ts"
import { anthropicWire } from "../../../support/providers/anthropic-wire.ts"
import { teacherContract } from "../../../support/providers/contract.ts"
import { buildTeacher, generateOnce } from "../../../support/providers/harness.ts"
import { type Loopback, startLoopback } from "../../../support/providers/loopback.ts"

const config = (url: string) => ({ model: "claude-haiku-4-5", base_url: url, thinking: { type: "enabled", budget_tokens: 2048 } })

teacherContract({ plugin: anthropic, wire: anthropicWire, config, keyEnv: "ANTHROPIC_API_KEY", retryAfterHeaders: true })

describe("anthropic request details", () => {
  let server: Loopback
  beforeAll(async () => { server = await startLoopback(anthropicWire) })
  afterAll(() => server.close())
  const env = { ANTHROPIC_API_KEY: "k" }
  const sampling = { temperature: 0.3, maxTokens: 500, topP: 0.9, stop: ["Problem:"] }

  it("with thinking: budget added to max_tokens, temperature left out", async () => {
    const t = await buildTeacher(anthropic, config(server.url), env)
    if (!("generate" in t)) throw t
    const out = await generateOnce(t, { prompt: "p1", sampling, sampleIndex: 0 })
    if (!out.ok) throw out.error
    const body = server.requests.at(-1)!.body
    expect(body["max_tokens"]).toBe(2548)
    expect(body["thinking"]).toEqual({ type: "enabled", budget_tokens: 2048 })
    expect(body["temperature"]).toBeUndefined()
    expect(body["stop_sequences"]).toEqual(["Problem:"])
    expect(out.completion.model).toBe("claude-haiku-4-5-20250101")
    expect(out.completion.finishReason).toBe("end_turn")
  })

  it("without thinking: sampling sent as is and no thoughts", async () => {
    const t = await buildTeacher(anthropic, { model: "claude-3-5-haiku", base_url: server.url, top_k: 40 }, env)
    if (!("generate" in t)) throw t
    const out = await generateOnce(t, { prompt: "p2", sampling, sampleIndex: 0 })
    if (!out.ok) throw out.error
    const body = server.requests.at(-1)!.body
    expect(body).toMatchObject({ max_tokens: 500, temperature: 0.3, top_p: 0.9, top_k: 40 })
    expect(body["thinking"]).toBeUndefined()
    expect(out.completion.thoughts).toBeUndefined()
    const headers = server.requests.at(-1)!.headers
    expect(headers["x-api-key"] ?? String(headers["authorization"]).replace(/^Bearer /u, "")).toBe("k")
  })

  it("maps 529 overloaded to server and has a default price for known models", async () => {
    server.script = () => ({ kind: "server", status: 529 })
    const t = await buildTeacher(anthropic, config(server.url), env)
    if (!("generate" in t)) throw t
    const out = await generateOnce(t, { prompt: "p3", sampling, sampleIndex: 0 })
    server.script = () => ({ kind: "ok" })
    expect(out.ok ? "ok" : [out.error.reason, out.error.status]).toEqual(["server", 529])
    expect(t.price).toEqual({ inputPerM: 1, outputPerM: 5 })
  })
})
