// Tests for the synthetic-solver teacher: correct traces, styles, deterministic slips, usage and errors.
import { it as eit } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import plugin, { estimateTokens, solveRequest, type SyntheticSolverConfig } from "../../../../plugins/teacher/synthetic-solver/index.ts"
import { syntheticRows } from "../../../../plugins/dataset/synthetic/rows.ts"
import { PluginHost, Teacher, type Row, type TeacherRequest } from "../../../../src/plugins/index.ts"
import { schemaProblems, validateConfig } from "../../dataset/test-host.ts"

const rows = syntheticRows({ count: 300, steps: [1, 5], split: "train", seed: 3 })
const request = (row: Row, sampleIndex = 0, maxTokens = 2048): TeacherRequest =>
  ({ prompt: `Solve: ${row.question}`, sampling: { temperature: 0.7, maxTokens }, sampleIndex, row })
const run = (config: SyntheticSolverConfig, req: TeacherRequest) => Effect.runSync(solveRequest(config, req))
const boxed = (text: string) => /Final Answer: \\boxed\{(-?\d+)\}$/u.exec(text)?.[1]

describe("synthetic-solver", () => {
  it("solves every row exactly when error_rate is 0, in both styles", () => {
    for (const style of ["short", "long"] as const) {
      for (const row of rows) expect(boxed(run({ style, error_rate: 0 }, request(row)).text)).toBe(row.reference)
    }
  })

  it("does not read the reference answer", () => {
    const row = rows[0] as Row
    const tampered = { ...row, reference: "999999" }
    expect(boxed(run({ style: "short", error_rate: 0 }, request(tampered)).text)).toBe(row.reference)
  })

  it("writes short traces of ~60-150 characters and long ones several times longer with re-checks", () => {
    const short = rows.map((r) => run({ style: "short", error_rate: 0 }, request(r)).text)
    const long = rows.map((r) => run({ style: "long", error_rate: 0 }, request(r)).text)
    const median = (xs: Array<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
    expect(median(short.map((t) => t.length))).toBeGreaterThanOrEqual(60)
    expect(Math.max(...short.map((t) => t.length))).toBeLessThanOrEqual(150)
    expect(median(long.map((t) => t.length))).toBeGreaterThanOrEqual(250)
    expect(median(long.map((t) => t.length))).toBeLessThanOrEqual(600)
    expect(long.some((t) => t.includes("Wait, let me double-check"))).toBe(true)
    expect(long.some((t) => t.includes("Wait, no. Redo"))).toBe(true)
    expect(short[0]).toMatch(/^Start: \d+\. .*=\d+\. Answer: \d+\. Final Answer: \\boxed\{\d+\}$/u)
  })

  it("slips deterministically at roughly the configured rate, and slipped traces end wrong", () => {
    const config = { style: "short" as const, error_rate: 0.3, seed: 5 }
    const first = rows.map((r) => run(config, request(r)))
    const again = rows.map((r) => run(config, request(r)))
    expect(again.map((c) => c.text)).toEqual(first.map((c) => c.text))
    let slippedRows = 0
    let slippedSteps = 0
    let totalSteps = 0
    first.forEach((c, i) => {
      const row = rows[i] as Row
      const slipped = (c.raw as { slippedSteps: Array<number> }).slippedSteps
      totalSteps += row.meta?.["steps"] as number
      slippedSteps += slipped.length
      if (slipped.length > 0) {
        slippedRows++
        expect(boxed(c.text)).not.toBe(row.reference)
      } else {
        expect(boxed(c.text)).toBe(row.reference)
      }
    })
    expect(slippedRows).toBeGreaterThan(0)
    expect(slippedSteps / totalSteps).toBeGreaterThan(0.2)
    expect(slippedSteps / totalSteps).toBeLessThan(0.4)
  })

  it("varies slips with the sample index and the seed", () => {
    const texts = (config: SyntheticSolverConfig, sampleIndex: number) => rows.map((r) => run(config, request(r, sampleIndex)).text)
    expect(texts({ style: "short", error_rate: 0.3 }, 0)).not.toEqual(texts({ style: "short", error_rate: 0.3 }, 1))
    expect(texts({ style: "short", error_rate: 0.3, seed: 1 }, 0)).not.toEqual(texts({ style: "short", error_rate: 0.3, seed: 2 }, 0))
  })

  it("reports character/4 token estimates and cuts output at maxTokens", () => {
    const row = rows[0] as Row
    const c = run({ style: "long", error_rate: 0 }, request(row))
    expect(c.usage).toEqual({ inputTokens: estimateTokens(`Solve: ${row.question}`), outputTokens: Math.ceil(c.text.length / 4) })
    expect(c.finishReason).toBe("stop")
    const cut = run({ style: "long", error_rate: 0 }, request(row, 0, 10))
    expect(cut.text).toHaveLength(40)
    expect(cut.finishReason).toBe("length")
  })

  it("fails with a client error for rows that are not synthetic", () => {
    const error = Effect.runSync(Effect.flip(solveRequest({ style: "short", error_rate: 0 },
      { prompt: "x", sampling: { temperature: 0, maxTokens: 10 }, sampleIndex: 0, row: { id: "r", question: "q", reference: "1" } })))
    expect(error.reason).toBe("client")
    const noRow = Effect.runSync(Effect.flip(solveRequest({ style: "short", error_rate: 0 },
      { prompt: "x", sampling: { temperature: 0, maxTokens: 10 }, sampleIndex: 0 })))
    expect(noRow.reason).toBe("client")
  })

  it("has a complete config schema", () => {
    expect(schemaProblems(plugin.configSchema)).toEqual([])
    expect(() => validateConfig(plugin.configSchema, { error_rate: 1.5 })).toThrow()
  })

  eit.effect("provides a Teacher service through its layer", () =>
    Effect.gen(function*() {
      const teacher = yield* Teacher
      expect(teacher.provider).toBe("synthetic")
      expect(teacher.model).toBe("synthetic-solver/long")
      const c = yield* teacher.generate(request(rows[1] as Row))
      expect(c.model).toBe("synthetic-solver/long")
      expect(boxed(c.text)).toBe((rows[1] as Row).reference)
    }).pipe(Effect.provide(plugin.layer(validateConfig(plugin.configSchema, { style: "long" })).pipe(
      Layer.provide(Layer.succeed(PluginHost, PluginHost.of({
        cacheDir: "/x", specDir: "/x", teacher: () => Effect.die("unused"), env: () => undefined
      })))))))
})
