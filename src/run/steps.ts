// The step implementations of a run, by kind.
import type { Step } from "../steps/step.ts"
import type { StepEnv } from "../steps/env.ts"
import { datasetStep } from "../steps/dataset.ts"
import { generateStep } from "../steps/generate.ts"
import { judgeStep } from "../steps/judge.ts"
import { filterStep } from "../steps/filter.ts"
import { mixStep } from "../steps/mix.ts"
import { trainStep } from "../steps/train.ts"
import { evaluateStep } from "../steps/evaluate.ts"
import { reportStep } from "../steps/report.ts"

/** Every step kind's implementation for this run. */
export const stepsFor = (env: StepEnv): Readonly<Record<string, Step<any>>> => ({
  dataset: datasetStep(env),
  generate: generateStep(env),
  judge: judgeStep(env),
  filter: filterStep(),
  mix: mixStep(),
  train: trainStep(env),
  evaluate: evaluateStep(env),
  report: reportStep(env)
})
