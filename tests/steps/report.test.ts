// The report's cost table counts judge model calls (trace judging and grading) next to teacher calls.
import { describe, expect, it } from "vitest"
import type { PlanNode } from "../../src/plan/node.ts"
import { reportInput } from "../../src/steps/report.ts"
import type { StepEnv } from "../../src/steps/env.ts"
import type { UpstreamEntry } from "../../src/steps/step.ts"
import { gridSpec } from "../support/plannable.ts"

const entry = (id: string, kind: PlanNode["kind"], summary: Record<string, unknown>): UpstreamEntry => ({
  node: { id, kind, key: `k-${id}`, keyParts: { version: 1, kind, params: {}, upstream: {} }, deps: {}, resource: "light",
    params: { teacher: "t0", pointer: "/judge" }, estimate: {} } as unknown as PlanNode,
  dir: "/nonexistent",
  manifest: { key: `k-${id}`, kind, id, finishedAt: "", seconds: 2, files: [], summary }
})

describe("report cost table", () => {
  it("lists the judge node's model calls, tokens and cost", () => {
    const env = { spec: gridSpec({ teachers: 1 }) } as unknown as StepEnv
    const judgeCalls = { calls: 12, requests: 13, fromCache: 3, dead: 1, costUsd: 0.02, inputTokens: 1200, outputTokens: 240 }
    const input = reportInput(env, {
      "generate/t0": entry("generate/t0", "generate", { ok: 10, fromCache: 4, inputTokens: 100, outputTokens: 900, costUsd: 0.5 }),
      "judge/t0": entry("judge/t0", "judge", { judged: 15, correct: 9, unparseable: 1, disagreements: 0, judgeCalls, costUsd: 0.02 })
    }, "run")
    const judge = input.nodes.find((n) => n.label === "judge/t0")!
    expect(judge).toMatchObject({ calls: 12, tokens: 1440, costUsd: 0.02 })
    expect(input.nodes.find((n) => n.label === "generate/t0")).toMatchObject({ calls: 6, tokens: 1000, costUsd: 0.5 })
  })
})
