// The step implementations of a run, by kind; each step's module (and its heavy libraries) loads when a node of its kind runs.
import * as Effect from "effect/Effect"
import type { Step, StepContext, Steps } from "../steps/step.ts"
import type { StepEnv } from "../steps/env.ts"
import type { StepKind } from "../plan/node.ts"
import type { RateLimits } from "../provider/rate-limits.ts"
import type { Budget } from "../provider/budget.ts"

type R = RateLimits | Budget

/** A step whose module is imported the first time a node of its kind runs. */
const lazy = <K extends StepKind>(load: () => Promise<Step<K, R>>): Step<K, R> => {
  let step: Promise<Step<K, R>> | undefined
  return (ctx: StepContext<K>) => Effect.flatMap(Effect.promise(() => (step ??= load())), (s) => s(ctx))
}

/** Decode nodes with a served student (evaluate.serve) go to `served`, the others to `plain`. */
const servedOr = (plain: Step<"decode", R>, served: Step<"decode", R>): Step<"decode", R> => (ctx) =>
  ctx.node.params.served === undefined ? plain(ctx) : served(ctx)

/** Every step kind's implementation for this run. */
export const stepsFor = (env: StepEnv): Steps<R> => ({
  dataset: lazy(async () => (await import("../steps/dataset.ts")).datasetStep(env)),
  leakage: lazy(async () => (await import("../steps/leakage.ts")).leakageStep()),
  generate: lazy(async () => (await import("../steps/generate.ts")).generateStep(env)),
  judge: lazy(async () => (await import("../steps/judge.ts")).judgeStep(env)),
  filter: lazy(async () => (await import("../steps/filter.ts")).filterStep()),
  mix: lazy(async () => (await import("../steps/mix.ts")).mixStep()),
  train: lazy(async () => (await import("../steps/train.ts")).trainStep(env)),
  sample: lazy(async () => (await import("../steps/sample.ts")).sampleStep(env)),
  decode: servedOr(lazy(async () => (await import("../steps/decode.ts")).decodeStep(env)),
    lazy(async () => (await import("../steps/served-decode.ts")).servedDecodeStep(env))),
  grade: lazy(async () => (await import("../steps/grade.ts")).gradeStep(env)),
  report: lazy(async () => (await import("../steps/report.ts")).reportStep(env))
})
