// Judge model calls through the engine's policy, against a loopback OpenAI-compatible server: budget, retries, cache, dead letters.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Effect, Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Budget } from "../../src/provider/budget.ts"
import { JUDGE_CALLS, openJudgeCalls, spentInNode, type GradedVerdict, type JudgeHalt } from "../../src/provider/judge-calls.ts"
import { RateLimits } from "../../src/provider/rate-limits.ts"
import { closeRawCaches } from "../../src/store/raw-cache.ts"
import { buildService, type RunEnvironment } from "../../src/plugins/runtime.ts"
import { type Loopback, startLoopback } from "../support/providers/loopback.ts"
import { openAiWire } from "../support/providers/openai-wire.ts"

const inputs = Array.from({ length: 6 }, (_, i) => ({ pred: i % 2 === 0 ? `answer ${i}` : `answer ${i + 1}`, ref: String(i), question: `What is ${i}?` }))

/** The llm judge (or the chain judge) over the openai-compatible teacher at `url`. */
const llmRef = (url: string, extra: Record<string, unknown> = {}) => ({
  use: "llm",
  with: { teacher: { use: "openai-compatible", with: { model: "judge-model", base_url: `${url}/v1`, require_api_key: false } }, ...extra }
})

/** Grades `inputs` like a judge or evaluate node in `dir`: every verdict, or the halt that stopped the node. */
const grade = (dir: string, ref: { use: string; with: Record<string, unknown> }, limitUsd?: number) =>
  Effect.runPromise(Effect.gen(function*() {
    const run: RunEnvironment = { storeRoot: path.join(dir, "store"), cacheDir: path.join(dir, "cache"), specDir: dir, env: {} }
    const calls = yield* openJudgeCalls(path.join(dir, "node"), run)
    const judge = yield* buildService("judge", ref, calls.run)
    const verdicts: Array<GradedVerdict | undefined> = inputs.map(() => undefined)
    const out = yield* calls.judgeAll(judge, inputs, { concurrency: 8, onVerdict: (i, v) => { verdicts[i] = v } })
      .pipe(Effect.ensuring(Effect.sync(() => calls.close())))
    return { ...out, verdicts, summary: calls.summary(), outputs: calls.outputs() }
  }).pipe(Effect.scoped, Effect.provide(Layer.mergeAll(RateLimits.layer, Budget.layer({ limitUsd })))))
    .finally(closeRawCaches)

const verdictsOf = (r: { verdicts: ReadonlyArray<GradedVerdict | undefined>; halt?: JudgeHalt }): ReadonlyArray<GradedVerdict> => {
  if (r.halt !== undefined) throw new Error(`halted: ${r.halt.message}`)
  return r.verdicts.map((v) => v!)
}

describe("judge model calls", () => {
  let server: Loopback
  beforeAll(async () => { server = await startLoopback(openAiWire()) })
  afterAll(() => server.close())
  const fresh = () => {
    server.requests.length = 0
    server.attempts.clear()
    server.script = () => ({ kind: "ok" })
    return fs.mkdtempSync(path.join(os.tmpdir(), "judge-calls-"))
  }

  it("retries an HTTP 500, logs every call, and a second node is served from the raw tier with no request", async () => {
    const dir = fresh()
    server.script = (_r, attempt) => (attempt === 1 ? { kind: "server" } : { kind: "ok" })
    const ref = llmRef(server.url, { limits: { max_attempts: 3 } })
    const first = await grade(dir, ref)
    expect(verdictsOf(first)).toHaveLength(6)
    expect(server.requests).toHaveLength(12)
    expect(first.summary).toMatchObject({ calls: 6, requests: 12, fromCache: 0, dead: 0 })
    expect(first.outputs).toEqual([JUDGE_CALLS])
    fs.rmSync(path.join(dir, "node"), { recursive: true })
    const second = await grade(dir, ref)
    expect(server.requests).toHaveLength(12)
    expect(second.summary).toMatchObject({ calls: 0, requests: 0, fromCache: 6 })
    expect(verdictsOf(second).map((v) => v.verdict)).toEqual(verdictsOf(first).map((v) => v.verdict))
  })

  it("stops at the budget: a tiny cap lets few calls out and pauses the node", async () => {
    const dir = fresh()
    const ref = llmRef(server.url, { price: { input_per_m: 1000, output_per_m: 1000 } })
    const out = await grade(dir, ref, 0.3)
    const halt = out.halt!
    expect(halt.reason).toBe("paused")
    expect(halt.message).toMatch(/budget of \$0\.3000 reached.*raise budget\.usd/)
    expect(server.requests.length).toBeGreaterThanOrEqual(1)
    expect(server.requests.length).toBeLessThan(inputs.length)
    expect(out.summary.calls).toBe(server.requests.length)
    expect(out.verdicts.filter((v) => v !== undefined)).toHaveLength(server.requests.length)
    expect(out.summary.costUsd).toBeGreaterThan(0)
    expect(spentInNode(path.join(dir, "node"))).toBeCloseTo(out.summary.costUsd, 10)
  })

  it("the chain judge's LLM stage goes through the same policy and cache", async () => {
    const dir = fresh()
    server.script = (_r, attempt) => (attempt === 1 ? { kind: "server" } : { kind: "ok" })
    const chain = { use: "chain", with: { llm: llmRef(server.url, { limits: { max_attempts: 2 } }) } }
    const first = await grade(dir, chain)
    const reached = verdictsOf(first).filter((v) => v.llm !== undefined).length
    expect(reached).toBeGreaterThan(0)
    expect(reached).toBe(verdictsOf(first).filter((v) => v.rules === "incorrect" || v.rules === "unparseable").length)
    expect(first.summary).toMatchObject({ calls: reached, requests: 2 * reached })
    expect(server.requests).toHaveLength(2 * reached)
    fs.rmSync(path.join(dir, "node"), { recursive: true })
    expect((await grade(dir, chain)).summary).toMatchObject({ calls: 0, fromCache: reached })
    expect(server.requests).toHaveLength(2 * reached)
  })

  it("a dead-lettered call becomes 'unparseable' with its error, never 'incorrect', and is counted", async () => {
    const dir = fresh()
    server.script = (r) => (r.prompt.includes("What is 2?") ? { kind: "client" } : { kind: "ok" })
    const out = await grade(dir, llmRef(server.url))
    const verdicts = verdictsOf(out)
    expect(verdicts[2]).toMatchObject({ verdict: "unparseable", llm: "unparseable" })
    expect(verdicts[2]!.error).toMatch(/dead-lettered after 1 attempt/)
    expect(verdicts.filter((v) => v.error !== undefined)).toHaveLength(1)
    expect(out.summary).toMatchObject({ calls: 6, dead: 1 })
  })
})
