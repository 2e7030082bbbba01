// The default price table and cost arithmetic.
import { describe, expect, it } from "vitest"
import { costOf, estimatedCostOf } from "../../src/provider/cost.ts"
import { priceFor } from "../../src/provider/prices.ts"

describe("priceFor", () => {
  it("finds listed models and their dated snapshots", () => {
    expect(priceFor("anthropic", "claude-sonnet-4-20250514")).toEqual({ inputPerM: 3, outputPerM: 15 })
    expect(priceFor("anthropic", "claude-3-5-haiku-latest")).toEqual({ inputPerM: 0.8, outputPerM: 4 })
    expect(priceFor("openai", "gpt-4o-2024-08-06")).toEqual({ inputPerM: 2.5, outputPerM: 10 })
    expect(priceFor("openai", "gpt-4o-mini")).toEqual({ inputPerM: 0.15, outputPerM: 0.6 })
    expect(priceFor("google", "models/gemini-2.0-flash-001")).toEqual({ inputPerM: 0.1, outputPerM: 0.4 })
  })

  it("gives undefined for unknown, experimental or preview models", () => {
    expect(priceFor("google", "gemini-2.0-flash-thinking-exp-01-21")).toBeUndefined()
    expect(priceFor("openai", "Qwen/QwQ-32B-Preview")).toBeUndefined()
    expect(priceFor("anthropic", "claude-sonnet-4-5-turbo")).toBeUndefined()
  })
})

describe("costOf", () => {
  it("charges input and output per million tokens", () => {
    expect(costOf({ inputTokens: 2_000_000, outputTokens: 500_000 }, { inputPerM: 0.1, outputPerM: 0.4 })).toBeCloseTo(0.4, 12)
    expect(costOf({ inputTokens: 0, outputTokens: 0, thinkingTokens: 0 }, { inputPerM: 3, outputPerM: 15 })).toBe(0)
    expect(estimatedCostOf({ inputTokens: 1_000, outputTokens: 1_000 }, { inputPerM: 3, outputPerM: 15 })).toBeCloseTo(0.018, 12)
  })
})
