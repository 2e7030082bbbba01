// The `llm` judge plugin: LLM-as-judge through any teacher, True/False verdicts at temperature 0.
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { defineJudge, Judge, JudgeError, PluginHost, type PluginRef, type TeacherRef } from "../../../src/plugins/index.ts"
import schema from "./config.schema.json" with { type: "json" }

export type { LlmJudgeOptions } from "./llm-judge.ts"
export { parseJudgement } from "./parse.ts"
export { defaultJudgePrompt, renderPrompt } from "./prompt.ts"

/** The `with:` block of the llm judge, after defaults. */
export interface LlmJudgeConfig {
  /** The judge model: a teacher plugin. */
  readonly teacher: PluginRef
  readonly prompt?: string
  readonly system?: string
  readonly max_tokens?: number
  /** The engine's rate limits and retries for the judge's calls. */
  readonly limits?: TeacherRef["limits"]
  /** The judge model's price (default: the built-in table). */
  readonly price?: TeacherRef["price"]
}

export default defineJudge<LlmJudgeConfig>({
  name: "llm",
  version: "1.0.0",
  description: "Asks a teacher model whether the prediction matches the reference (default: the paper's True/False prompt).",
  configSchema: schema,
  capabilities: { deterministic: false, network: true, gpu: false },
  layer: (config) =>
    Layer.effect(Judge, Effect.gen(function*() {
      const host = yield* PluginHost
      const ref: TeacherRef = {
        ...config.teacher,
        ...(config.limits === undefined ? {} : { limits: config.limits }),
        ...(config.price === undefined ? {} : { price: config.price })
      }
      const teacher = yield* host.teacher(ref).pipe(
        Effect.mapError((e) => new JudgeError({ reason: "llm-failed", message: `cannot build judge teacher '${config.teacher.use}': ${e.message}` }))
      )
      const { makeLlmJudge } = yield* Effect.promise(() => import("./llm-judge.ts"))
      return makeLlmJudge(teacher, { prompt: config.prompt, system: config.system, maxTokens: config.max_tokens })
    }))
})
