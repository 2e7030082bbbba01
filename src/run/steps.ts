// The step implementations of a run, by kind.
import type { Steps } from "../steps/step.ts"
import type { StepEnv } from "../steps/env.ts"
import type { RateLimits } from "../provider/rate-limits.ts"
import type { Budget } from "../provider/budget.ts"
import { datasetStep } from "../steps/dataset.ts"
import { leakageStep } from "../steps/leakage.ts"
import { generateStep } from "../steps/generate.ts"
import { judgeStep } from "../steps/judge.ts"
import { filterStep } from "../steps/filter.ts"
import { mixStep } from "../steps/mix.ts"
import { trainStep } from "../steps/train.ts"
import { sampleStep } from "../steps/sample.ts"
import { decodeStep } from "../steps/decode.ts"
import { gradeStep } from "../steps/grade.ts"
import { reportStep } from "../steps/report.ts"

/** Every step kind's implementation for this run. */
export const stepsFor = (env: StepEnv): Steps<RateLimits | Budget> => ({
  dataset: datasetStep(env),
  leakage: leakageStep(),
  generate: generateStep(env),
  judge: judgeStep(env),
  filter: filterStep(),
  mix: mixStep(),
  train: trainStep(env),
  sample: sampleStep(env),
  decode: decodeStep(env),
  grade: gradeStep(env),
  report: reportStep(env)
})
