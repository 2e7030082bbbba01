// The `chain` judge plugin: the math judge first, the llm judge where the rules cannot decide.
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { defineJudge, Judge, type VerdictLabel } from "../../../src/plugins/index.ts"
import llmPlugin, { type LlmJudgeConfig } from "../llm/index.ts"
import type { MathJudgeConfig } from "../math/math-judge.ts"
import mathPlugin from "../math/index.ts"
import { makeChainJudge } from "./chain-judge.ts"
import ownSchema from "./config.schema.json" with { type: "json" }
import { composeChainSchema } from "./schema.ts"

export { defaultLlmOn, makeChainJudge, type ChainOptions } from "./chain-judge.ts"

/** The `with:` block of the chain judge, after defaults. */
export interface ChainJudgeConfig {
  readonly rules?: { readonly use: "math"; readonly with?: MathJudgeConfig }
  readonly llm: { readonly use: "llm"; readonly with: LlmJudgeConfig }
  readonly llm_on?: ReadonlyArray<VerdictLabel>
  readonly llm_input?: "prediction" | "extracted"
}

export default defineJudge<ChainJudgeConfig>({
  name: "chain",
  version: "1.0.0",
  description: "Rules first (math judge); the llm judge decides the rule verdicts listed in llm_on (default: incorrect, unparseable).",
  configSchema: composeChainSchema(ownSchema, mathPlugin.configSchema, llmPlugin.configSchema),
  capabilities: { deterministic: false, network: true, gpu: false },
  layer: (config) =>
    Layer.effect(Judge, Effect.gen(function*() {
      const { makeMathJudge } = yield* Effect.promise(() => import("../math/math-judge.ts"))
      const rules = makeMathJudge(config.rules?.with ?? {})
      const llm = yield* Judge.useSync((service) => service).pipe(Effect.provide(llmPlugin.layer(config.llm.with)))
      return makeChainJudge(rules, llm, { llmOn: config.llm_on, llmInput: config.llm_input })
    }))
})
