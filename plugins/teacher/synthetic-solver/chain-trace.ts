// Renders worked mod-10 chain steps as a short trace (bare steps) or a long one (every step checked, caught false starts).
import { applyChainOp, inverseOp, MODULUS, stepLabel, SYMBOL, type ChainProblem } from "../../dataset/synthetic/chain.ts"
import type { Rng } from "../../dataset/synthetic/prng.ts"
import { chainFinal, type ChainStep } from "./chain-steps.ts"

/** Share of correct steps a long trace first gets wrong, then catches by its check and redoes. */
export const FALSE_START_RATE = 0.3

const boxed = (n: number): string => `\\boxed{${n}}`

const written = (step: ChainStep, result: number): string => `${step.input}${SYMBOL[step.op.op]}${step.op.n}=${result}`

/** Short style: the bare steps, e.g. `A:7+3=0 B:0-1=9 \boxed{9}`. */
export const shortChainTrace = (chain: ChainProblem, steps: ReadonlyArray<ChainStep>): string =>
  [...steps.map((s, i) => `${stepLabel(i)}:${written(s, s.result)}`), boxed(chainFinal(chain, steps))].join(" ")

/**
 * The check of a claimed result: the step undone from it (`0+1=1` for `1-1=0`), which gives back the step's input
 * exactly when the claim is right. It returns the text and whether the claim survives it.
 */
export const checkOf = (step: ChainStep, claimed: number): { readonly text: string; readonly holds: boolean } => {
  const undo = inverseOp(step.op)
  const back = applyChainOp(claimed, undo)
  const holds = back === step.input
  return { text: `${claimed}${SYMBOL[undo.op]}${undo.n}=${back}${holds ? "" : ` not ${step.input}`}`, holds }
}

/** A wrong digit a solver might first write for a step (never its result). */
const falseStart = (rng: Rng, step: ChainStep): number => (step.result + rng.pick([1, 2, MODULUS - 1, MODULUS - 2])) % MODULUS

/**
 * Long style: every correct step is checked (`B: 0-1=9, check 9+1=0 ok.`); about FALSE_START_RATE of them first
 * get a wrong digit that the check catches (`B: 0-1=8? check 8+1=9 not 0, redo 0-1=9, check 9+1=0 ok.`). A slipped
 * step is written unchecked (`B: 0-1=8.`), which is how its error survives. Ends with the chain of digits and the
 * boxed answer.
 */
export const longChainTrace = (chain: ChainProblem, steps: ReadonlyArray<ChainStep>, rng: Rng): string => {
  const parts = steps.map((step, i) => {
    const head = `${stepLabel(i)}: `
    if (step.slipped) return `${head}${written(step, step.result)}.`
    const checked = `${written(step, step.result)}, check ${checkOf(step, step.result).text} ok.`
    if (rng.next() >= FALSE_START_RATE) return `${head}${checked}`
    const wrong = falseStart(rng, step)
    return `${head}${written(step, wrong)}? check ${checkOf(step, wrong).text}, redo ${checked}`
  })
  const answer = chainFinal(chain, steps)
  return [...parts, `Chain ${[chain.start, ...steps.map((s) => s.result)].join(" ")}, answer ${boxed(answer)}`].join(" ")
}
