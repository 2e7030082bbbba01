// Works a synthetic problem step by step, optionally making deterministic arithmetic slips.
import type { Rng } from "../../dataset/synthetic/prng.ts"
import { applyOperation, solve, type Operation, type SyntheticProblem } from "../../dataset/synthetic/problem.ts"

/** One worked step: the operation, the value it starts from and the value the solver wrote down. */
export interface WorkedStep {
  readonly op: Operation
  readonly input: number
  readonly result: number
  /** True when the solver slipped on this step (the result is not the exact operation on `input`). */
  readonly slipped: boolean
}

/** Exact result, except that division of a value that does not divide evenly is floored. */
const compute = (value: number, op: Operation): number => Math.floor(applyOperation(value, op))

const slip = (rng: Rng, exact: number): number => {
  const delta = rng.pick([-2, -1, 1, 2])
  return exact + delta < 0 ? exact + Math.abs(delta) : exact + delta
}

/**
 * The steps as the solver writes them. Each step slips with probability `errorRate` (drawn from `rng`); later
 * steps carry the wrong value forward. Whenever any step slipped, the final value differs from the true answer.
 */
export const workSteps = (problem: SyntheticProblem, errorRate: number, rng: Rng): ReadonlyArray<WorkedStep> => {
  const steps: Array<WorkedStep> = []
  let value = problem.start
  for (const op of problem.ops) {
    const exact = compute(value, op)
    const slipped = errorRate > 0 && rng.next() < errorRate
    const result = slipped ? slip(rng, exact) : exact
    steps.push({ op, input: value, result, slipped })
    value = result
  }
  const last = steps[steps.length - 1]
  if (last !== undefined && steps.some((s) => s.slipped) && last.result === solve(problem)) {
    steps[steps.length - 1] = { ...last, result: last.result + 1, slipped: true }
  }
  return steps
}

/** The value the solver ends with. */
export const finalValue = (problem: SyntheticProblem, steps: ReadonlyArray<WorkedStep>): number =>
  steps.length === 0 ? problem.start : (steps[steps.length - 1] as WorkedStep).result

/** The arithmetic of a step as written, e.g. `24+3*4=36`. */
export const equation = (step: WorkedStep): string => {
  const { op, input, result } = step
  switch (op.op) {
    case "add": return `${input}+${op.n}=${result}`
    case "sub": return `${input}-${op.n}=${result}`
    case "addGroups": return `${input}+${op.groups}*${op.each}=${result}`
    case "mul": return `${input}*${op.factor}=${result}`
    case "div": return `${input}/${op.parts}=${result}`
  }
}

/** The inverse check of a step, e.g. `36-3*4=24`, true exactly when the step did not slip. */
export const inverseCheck = (step: WorkedStep): string => {
  const { op, input, result } = step
  switch (op.op) {
    case "add": return `${result}-${op.n}=${input}`
    case "sub": return `${result}+${op.n}=${input}`
    case "addGroups": return `${result}-${op.groups}*${op.each}=${input}`
    case "mul": return `${result}/${op.factor}=${input}`
    case "div": return `${result}*${op.parts}=${input}`
  }
}
