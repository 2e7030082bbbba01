// The `math-verify` judge plugin: Hugging Face's Math-Verify, the field's reference grader, in one Python worker per layer.
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { defineJudge, Judge, PluginHost, type JudgeError } from "../../../src/plugins/index.ts"
import schema from "./config.schema.json" with { type: "json" }
import { makeMathVerifyJudge } from "./math-verify-judge.ts"
import { resolvePython } from "./python.ts"
import { MathVerifyError, startWorker } from "./worker-process.ts"

export { makeMathVerifyJudge, toVerdict } from "./math-verify-judge.ts"
export { resolvePython, type PythonChoice } from "./python.ts"
export { MathVerifyError, startWorker, type MathVerifyWorker, type WorkerOptions, type WorkerResult } from "./worker-process.ts"

/** The `with:` block of the math-verify judge (every field has a default). */
export interface MathVerifyJudgeConfig {
  readonly batch_size?: number
  readonly timeout_seconds?: number
  readonly float_rounding?: number
  readonly start_timeout_seconds?: number
}

/**
 * The layer: starts the worker when built, closes it when the layer's scope closes. A missing
 * interpreter or module fails the layer with a MathVerifyError whose message says to run `./distill setup`
 * (the engine reports a plugin's start failure by its message).
 */
export const mathVerifyLayer = (config: MathVerifyJudgeConfig): Layer.Layer<Judge, MathVerifyError, PluginHost> =>
  Layer.effect(Judge, Effect.gen(function*() {
    const host = yield* PluginHost
    const worker = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () => startWorker({
          python: resolvePython(host.env),
          batchSize: config.batch_size ?? 64,
          timeoutSeconds: config.timeout_seconds ?? 5,
          floatRounding: config.float_rounding ?? 6,
          startTimeoutMs: (config.start_timeout_seconds ?? 60) * 1000
        }),
        catch: (e) => e instanceof MathVerifyError ? e : new MathVerifyError({ reason: "worker-failed", message: String(e) })
      }),
      (w) => Effect.promise(() => w.close())
    )
    return makeMathVerifyJudge(worker)
  }))

export default defineJudge<MathVerifyJudgeConfig>({
  name: "math-verify",
  version: "1.0.0",
  description: "Hugging Face's Math-Verify (the field's reference grader) in a long-lived Python worker, batched; needs `./distill setup` or DISTILL_PYTHON with math-verify.",
  configSchema: schema,
  capabilities: { deterministic: true, network: false, gpu: false },
  // JudgeError has no reason for a grader that cannot start; the worker's own tagged error travels instead.
  layer: mathVerifyLayer as unknown as (config: MathVerifyJudgeConfig) => Layer.Layer<Judge, JudgeError, PluginHost>
})
