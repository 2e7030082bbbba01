// The `math` judge plugin: deterministic answer extraction and equivalence, no network.
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { defineJudge, Judge } from "../../../src/plugins/index.ts"
import schema from "./config.schema.json" with { type: "json" }
import type { MathJudgeConfig } from "./math-judge.ts"

export type { MathJudgeConfig, MathJudgeInput } from "./math-judge.ts"

export default defineJudge<MathJudgeConfig>({
  name: "math",
  version: "1.0.0",
  description: "Extracts the final answer (\\boxed{}, Final Answer:, <answer>, last number) and compares it with the reference: numbers, fractions, LaTeX expressions, tuples, intervals, sets, choices.",
  configSchema: schema,
  capabilities: { deterministic: true, network: false, gpu: false },
  // the grader (fraction.js, the compute engine) loads when a judge is built, not when a spec naming it is validated
  layer: (config) => Layer.effect(Judge, Effect.promise(() => import("./math-judge.ts")).pipe(Effect.map((m) => m.makeMathJudge(config))))
})
