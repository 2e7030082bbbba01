// Works a mod-10 chain step by step, optionally making deterministic slips that carry forward.
import { applyChainOp, MODULUS, solveChain, type ChainOp, type ChainProblem } from "../../dataset/synthetic/chain.ts"
import type { Rng } from "../../dataset/synthetic/prng.ts"

/** One worked step of a chain: the operation, the digit it starts from and the digit the solver wrote down. */
export interface ChainStep {
  readonly op: ChainOp
  readonly input: number
  readonly result: number
  /** True when the solver slipped on this step (the result is not the operation applied to `input`). */
  readonly slipped: boolean
}

/**
 * The steps as the solver writes them. Each step slips with probability `errorRate` to a digit 1 or 2 away
 * (mod 10); later steps carry it forward. Whenever any step slipped, the final digit differs from the true answer
 * (two slips that cancel out are followed by a third on the last step).
 */
export const workChain = (chain: ChainProblem, errorRate: number, rng: Rng): ReadonlyArray<ChainStep> => {
  const steps: Array<ChainStep> = []
  let value = chain.start
  for (const op of chain.ops) {
    const exact = applyChainOp(value, op)
    const slipped = errorRate > 0 && rng.next() < errorRate
    const result = slipped ? (exact + rng.pick([1, 2, MODULUS - 1, MODULUS - 2])) % MODULUS : exact
    steps.push({ op, input: value, result, slipped })
    value = result
  }
  const last = steps[steps.length - 1]
  if (last !== undefined && steps.some((s) => s.slipped) && last.result === solveChain(chain)) {
    steps[steps.length - 1] = { ...last, result: (last.result + 1) % MODULUS, slipped: true }
  }
  return steps
}

/** The digit the solver ends with. */
export const chainFinal = (chain: ChainProblem, steps: ReadonlyArray<ChainStep>): number =>
  steps.length === 0 ? chain.start : (steps[steps.length - 1] as ChainStep).result
