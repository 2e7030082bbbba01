// The `math` judge plugin: deterministic answer extraction and equivalence, no network.
import { Layer } from "effect"
import { defineJudge, Judge } from "../../../src/plugins/index.ts"
import schema from "./config.schema.json" with { type: "json" }
import { makeMathJudge, type MathJudgeConfig } from "./math-judge.ts"

export { gradeMath, makeMathJudge, referenceProblem, type MathJudgeConfig, type MathJudgeInput } from "./math-judge.ts"
export { referenceAnswer } from "./reference.ts"

export default defineJudge<MathJudgeConfig>({
  name: "math",
  version: "1.0.0",
  description: "Extracts the final answer (\\boxed{}, Final Answer:, <answer>, last number) and compares it with the reference: numbers, fractions, LaTeX expressions, tuples, intervals, sets, choices.",
  configSchema: schema,
  capabilities: { deterministic: true, network: false, gpu: false },
  layer: (config) => Layer.succeed(Judge, makeMathJudge(config))
})
