// Plan estimates: the built-in price table, image tokens by provider, judge calls for traces and grading, and the budget check.
import { describe, expect, it } from "vitest"
import { defaultJudgePrompt } from "../../plugins/judge/llm/prompt.ts"
import { buildPlan } from "../../src/plan/build.ts"
import {
  ASSUMED_CORRECT, budgetLine, chainShare, DEFAULT_JUDGE_PROMPT_CHARS, estimateGenerate, estimateJudgeCalls, exceedsBudget, GRADING_KINDS,
  selectedNodes, spendEstimate
} from "../../src/plan/estimate.ts"
import type { PlannableSpec, ResolvedPlugin, TeacherEntry } from "../../src/plan/input.ts"
import { gridSpec } from "../support/plannable.ts"

const plugin = (kind: ResolvedPlugin["kind"], name: string, config: Record<string, unknown>, network = true): ResolvedPlugin =>
  ({ kind, use: name, name, version: "1.0.0", description: name, capabilities: { deterministic: false, network, gpu: false }, config })

const teacher: TeacherEntry = { use: "anthropic", samples: 1, temperature: 0, max_tokens: 1000, expected_output_tokens: 1000, limits: { concurrency: 8, max_attempts: 5, timeout_ms: 1000 } }
const sonnet = plugin("teacher", "anthropic", { model: "claude-sonnet-4-5-20250929" })
const gpt4oMini = { use: "openai-compatible", with: { model: "gpt-4o-mini", base_url: "https://api.openai.com/v1" } }
const llmJudge = (teacherRef: Record<string, unknown> = gpt4oMini, extra: Record<string, unknown> = {}) =>
  plugin("judge", "llm", { teacher: teacherRef, max_tokens: 20, ...extra })

describe("estimateGenerate", () => {
  it("prices a listed model from the built-in table when the spec gives no price", () => {
    const e = estimateGenerate("big", teacher, "p".repeat(200), 100, 200, {}, false, sonnet)
    expect(e).toMatchObject({ calls: 100, inputTokens: 100 * 100, outputTokens: 100 * 1000 })
    expect(e.costUsd).toBeCloseTo((10_000 * 3 + 100_000 * 15) / 1e6, 10)
  })

  it("the spec's price wins; an unlisted model stays unknown", () => {
    expect(estimateGenerate("big", { ...teacher, price: { input_per_m: 1, output_per_m: 1 } }, "", 10, 0, {}, false, sonnet).costUsd)
      .toBeCloseTo((10 * 0 + 10 * 1000) / 1e6, 10)
    expect(estimateGenerate("x", teacher, "", 10, 0, {}, false, plugin("teacher", "openai-compatible", { model: "qwq", base_url: "http://localhost:8000/v1" })).costUsd)
      .toBeUndefined()
  })

  it("counts the training set's images by the teacher's provider rule", () => {
    const facts = { datasets: { "/data/train": { rows: 10, meanChars: 0, images: { rows: 5, sample: [{ width: 1024, height: 1024 }] } } } }
    const text = estimateGenerate("t", teacher, "", 10, 0, {}, false, sonnet).inputTokens!
    const claude = estimateGenerate("t", teacher, "", 10, 0, facts, false, sonnet).inputTokens!
    const gemini = estimateGenerate("t", teacher, "", 10, 0, facts, false, plugin("teacher", "google", { model: "gemini-2.5-flash" })).inputTokens!
    expect(claude - text).toBe(Math.ceil(1399 / 2) * 10)
    expect(gemini - text).toBe(Math.ceil(1032 / 2) * 10)
  })
})

describe("estimateJudgeCalls", () => {
  const work = { answers: 200, meanQuestionChars: 100, answerTokens: 300, stage: "traces" as const }

  it("the llm judge makes one call per answer, priced by the table for its model", () => {
    const e = estimateJudgeCalls(work, llmJudge())
    const perCall = Math.ceil((DEFAULT_JUDGE_PROMPT_CHARS + 100 + 16) / 4) + 300
    expect(e).toEqual({ calls: 200, inputTokens: 200 * perCall, outputTokens: 200 * 20, costUsd: (200 * perCall * 0.15 + 4000 * 0.6) / 1e6 })
  })

  it("uses the judge's own price, and knows no price for an unlisted server", () => {
    expect(estimateJudgeCalls(work, llmJudge(gpt4oMini, { price: { input_per_m: 0, output_per_m: 1000 } })).costUsd).toBeCloseTo(4, 10)
    expect(estimateJudgeCalls(work, llmJudge({ use: "openai-compatible", with: { model: "m", base_url: "http://127.0.0.1/v1" } })).costUsd).toBeUndefined()
  })

  it("the chain judge sends the assumed share of llm_on verdicts, stated in llmShare", () => {
    const chain = (llmOn?: string[]) => plugin("judge", "chain", { llm: { use: "llm", with: { teacher: gpt4oMini } }, ...(llmOn === undefined ? {} : { llm_on: llmOn }) })
    const e = estimateJudgeCalls(work, chain())
    expect(e.calls).toBe(60)
    expect(e.llmShare).toBeCloseTo(1 - ASSUMED_CORRECT.traces, 10)
    expect(estimateJudgeCalls({ ...work, stage: "answers" }, chain())).toMatchObject({ calls: 160 })
    expect(estimateJudgeCalls(work, chain(["correct", "incorrect", "unparseable"])).calls).toBe(200)
    expect(chainShare(["unparseable"], "answers")).toBeCloseTo(0.16, 10)
  })

  it("a judge without a model makes no calls; unknown sizes stay unknown", () => {
    expect(estimateJudgeCalls(work, plugin("judge", "math", {}, false))).toEqual({})
    expect(estimateJudgeCalls({ ...work, answers: undefined }, llmJudge())).toEqual({})
  })

  it("knows the llm judge's default prompt length", () => {
    expect(DEFAULT_JUDGE_PROMPT_CHARS).toBe(defaultJudgePrompt.length)
  })
})

describe("the planner's estimates", () => {
  const spec = (): PlannableSpec => {
    const s = gridSpec({ teachers: 1, sizes: 1, evals: 1 })
    return {
      ...s, budget: { usd: 1 },
      teachers: { t0: { ...s.teachers.t0!, use: "anthropic", max_tokens: 1000 } },
      plugins: { ...s.plugins, "/teachers/t0": sonnet, "/judge": llmJudge() }
    }
  }

  it("counts judge calls for trace judging and for grading, with their cost", () => {
    const plan = buildPlan(spec())
    const byId = new Map(plan.nodes.map((n) => [n.id, n]))
    expect(byId.get("generate/t0")!.estimate.costUsd).toBeGreaterThan(0)
    expect(byId.get("judge/t0")!.estimate).toMatchObject({ samples: 100, calls: 100 })
    expect(byId.get("judge/t0")!.estimate.costUsd).toBeGreaterThan(0)
    const grading = plan.nodes.find((n) => GRADING_KINDS.has(n.kind))!
    expect(grading.estimate).toMatchObject({ samples: 50, calls: 50 })
    expect(grading.estimate.costUsd).toBeGreaterThan(0)
    const spend = spendEstimate(plan.nodes)
    const sum = plan.nodes.reduce((a, n) => a + (n.estimate.costUsd ?? 0), 0)
    expect(spend.usd).toBeCloseTo(sum, 12)
    expect(spend.calls).toBe(100 + 100 + plan.nodes.filter((n) => GRADING_KINDS.has(n.kind)).length * 50)
    expect(spend.unpriced).toEqual([])
  })

  it("compares the total with budget.usd", () => {
    const plan = buildPlan(spec())
    const spend = spendEstimate(plan.nodes)
    expect(exceedsBudget(spend, spend.usd * 2)).toBe(false)
    expect(exceedsBudget(spend, spend.usd / 2)).toBe(true)
    expect(exceedsBudget(spend, undefined)).toBe(false)
    expect(budgetLine(spend, spend.usd / 2)).toMatch(/^total estimate: ~\$\d+\.\d{4} for \d+ paid calls, EXCEEDS budget\.usd/)
    expect(budgetLine(spendEstimate([]), 1)).toBe("total estimate: ~$0.0000 for 0 paid calls, within budget.usd $1.0000")
  })

  it("selects a node and what it needs for --only", () => {
    const plan = buildPlan(spec())
    expect(selectedNodes(plan, new Set(["judge/t0"])).map((n) => n.id).sort()).toEqual(["dataset/train", "generate/t0", "judge/t0"])
    expect(selectedNodes(plan)).toHaveLength(plan.nodes.length)
  })
})
