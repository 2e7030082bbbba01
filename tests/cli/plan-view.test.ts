// The plan as text: judge model calls per stage and the total estimate against budget.usd.
import { describe, expect, it } from "vitest"
import { renderPlan } from "../../src/cli/plan-view.ts"
import { stepKinds, type Plan, type PlanNode } from "../../src/plan/node.ts"

/** Nodes as the plan view reads them: id, kind, key and estimate (params play no part). */
const node = (id: string, kind: string, estimate: PlanNode["estimate"]): PlanNode => ({
  id, kind, key: `k-${id}`, keyParts: { version: 1, kind, params: {}, upstream: {} }, deps: {}, resource: "light", params: {}, estimate
}) as unknown as PlanNode

/** The kind of node that grades student answers. */
const grading = (stepKinds as ReadonlyArray<string>).includes("grade") ? "grade" : "evaluate"

const plan: Plan = {
  experiment: "x",
  nodes: [
    node("generate/t", "generate", { calls: 100, inputTokens: 10_000, outputTokens: 50_000, costUsd: 0.5, samples: 100 }),
    node("judge/t", "judge", { samples: 100, calls: 30, inputTokens: 6_000, outputTokens: 600, costUsd: 0.25, llmShare: 0.3 }),
    node("grade/s/test", grading, { samples: 50, calls: 50, inputTokens: 5_000, outputTokens: 1_000, costUsd: 0.5 })
  ]
}
const states = new Map(plan.nodes.map((n) => [n.id, "to run" as const]))

describe("renderPlan", () => {
  it("shows judge calls for traces and for grading, and the total against the budget", () => {
    const text = renderPlan(plan, states, 400, 1)
    expect(text).toContain("judge model, teacher traces: 30 calls, ~6,000 in + ~600 out tokens, ~$0.2500 (chain judge: ~30% of answers assumed to reach the LLM)")
    expect(text).toContain("judge model, grading student answers: 50 calls, ~5,000 in + ~1,000 out tokens, ~$0.5000")
    expect(text).toContain("total estimate: ~$1.2500 for 180 paid calls, EXCEEDS budget.usd $1.0000")
    expect(renderPlan(plan, states, 400, 2)).toContain("within budget.usd $2.0000")
    expect(renderPlan(plan, states)).toContain("no budget.usd set")
  })

  it("leaves cached nodes out of the total", () => {
    const cached = new Map([...states, ["generate/t", "cached" as const]])
    expect(renderPlan(plan, cached, 400, 1)).toContain("total estimate: ~$0.7500 for 80 paid calls, within budget.usd $1.0000")
  })
})
