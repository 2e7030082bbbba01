// The openai-compatible teacher over its keep-alive HTTP transport against a loopback chat completions server.
import { Effect, Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import openaiCompatible from "../../../../plugins/teacher/openai-compatible/index.ts"
import { splitThinkTags } from "../../../../plugins/teacher/openai-compatible/response.ts"
import { Budget } from "../../../../src/provider/budget.ts"
import { callWithPolicy } from "../../../../src/provider/call.ts"
import { RateLimits } from "../../../../src/provider/rate-limits.ts"
import { teacherContract } from "../../../support/providers/contract.ts"
import { buildTeacher, generateOnce } from "../../../support/providers/harness.ts"
import { type Loopback, startLoopback } from "../../../support/providers/loopback.ts"
import { openAiWire } from "../../../support/providers/openai-wire.ts"

const config = (url: string) => ({ model: "Qwen/QwQ-32B-Preview", base_url: `${url}/v1` })

teacherContract({
  plugin: openaiCompatible,
  wire: openAiWire({ reasoning: true }),
  config,
  keyEnv: "OPENAI_API_KEY",
  retryAfterHeaders: true
})

describe("openai-compatible request details", () => {
  let server: Loopback
  beforeAll(async () => { server = await startLoopback(openAiWire()) })
  afterAll(() => server.close())
  const sampling = { temperature: 0.6, maxTokens: 300, topP: 0.95, stop: ["Problem:"] }

  it("sends sampling, seed, extra fields and the chosen max-tokens field", async () => {
    const t = await buildTeacher(openaiCompatible, {
      ...config(server.url),
      max_tokens_field: "max_completion_tokens",
      seed: true,
      extra_body: { chat_template_kwargs: { enable_thinking: true } }
    }, { OPENAI_API_KEY: "k" })
    if (!("generate" in t)) throw t
    const out = await generateOnce(t, { prompt: "q", sampling, sampleIndex: 3 })
    if (!out.ok) throw out.error
    expect(server.requests.at(-1)!.body).toMatchObject({
      model: "Qwen/QwQ-32B-Preview",
      temperature: 0.6,
      max_completion_tokens: 300,
      top_p: 0.95,
      stop: ["Problem:"],
      seed: 3,
      chat_template_kwargs: { enable_thinking: true }
    })
    expect(out.completion.thoughts).toBeUndefined()
    expect(t.price).toBeUndefined()
  })

  it("local servers may run without a key; the base URL can come from a variable", async () => {
    const t = await buildTeacher(openaiCompatible, {
      model: "llama3.2",
      base_url_env: "VLLM_URL",
      require_api_key: false
    }, { VLLM_URL: `${server.url}/v1` })
    if (!("generate" in t)) throw t
    const out = await generateOnce(t, { prompt: "local", sampling, sampleIndex: 0 })
    expect(out.ok).toBe(true)
    expect(server.requests.at(-1)!.headers["authorization"]).toBe("Bearer EMPTY")
  })

  it("a missing base URL variable is a clear error", async () => {
    const built = await buildTeacher(openaiCompatible, { model: "m", base_url_env: "NOPE_URL" }, { OPENAI_API_KEY: "k" })
    expect("generate" in built ? "built" : built.message).toContain("NOPE_URL")
  })

  it("OpenAI's own endpoint gets a default price", async () => {
    const t = await buildTeacher(openaiCompatible, { model: "gpt-4o-mini-2024-07-18", base_url: "https://api.openai.com/v1" }, { OPENAI_API_KEY: "k" })
    expect("generate" in t ? t.price : undefined).toEqual({ inputPerM: 0.15, outputPerM: 0.6 })
  })

  it("keeps the call policy's per-attempt limit itself: a hanging server is cut at the spec's timeout_ms, not the plugin's", async () => {
    const hanging = await startLoopback(openAiWire(), { script: () => ({ kind: "hang" }) })
    try {
      const t = await buildTeacher(openaiCompatible, { ...config(hanging.url), timeout_ms: 600_000 }, { OPENAI_API_KEY: "k" })
      if (!("generate" in t)) throw t
      expect(t.generateWithin).toBeDefined()
      const started = Date.now()
      const out = await Effect.runPromise(callWithPolicy(t, { prompt: "q", sampling, sampleIndex: 0 }, { maxAttempts: 2, timeoutMs: 200, baseDelayMs: 10 })
        .pipe(Effect.provide(Layer.mergeAll(RateLimits.layer, Budget.layer({})))))
      expect(out).toMatchObject({ _tag: "dead", reason: "timeout", attempts: 2 })
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(hanging.requests.length).toBe(2)
    } finally {
      await hanging.close()
    }
  })

  it("splits inline <think> sections when asked", () => {
    expect(splitThinkTags("<think>\nstep 1\n</think>\n\nAnswer: 4")).toEqual({ text: "Answer: 4", thoughts: "step 1" })
    expect(splitThinkTags("Answer: 4")).toEqual({ text: "Answer: 4" })
  })
})
