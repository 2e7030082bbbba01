// Renders worked steps as a reasoning trace in the short or long style, ending in a boxed final answer.
import type { Rng } from "../../dataset/synthetic/prng.ts"
import type { SyntheticProblem } from "../../dataset/synthetic/problem.ts"
import { describeStep } from "../../dataset/synthetic/render.ts"
import { equation, finalValue, inverseCheck, type WorkedStep } from "./steps.ts"

/** Trace styles: concise arithmetic, or a verbose QwQ-like trace that re-checks and sometimes backtracks. */
export type TraceStyle = "short" | "long"

const boxed = (n: number): string => `Final Answer: \\boxed{${n}}`

/** Short style: one equation per step, e.g. `Start: 12. 12+3*4=24. 24-5=19. Answer: 19. Final Answer: \boxed{19}`. */
export const shortTrace = (problem: SyntheticProblem, steps: ReadonlyArray<WorkedStep>): string => {
  const answer = finalValue(problem, steps)
  return [`Start: ${problem.start}.`, ...steps.map((s) => `${equation(s)}.`), `Answer: ${answer}.`, boxed(answer)].join(" ")
}

const ORDINAL = ["First", "Next", "Then", "After that", "Then", "Finally"]

/** A wrong value a solver might first consider for a step (never the value it settles on). */
const falseStart = (rng: Rng, step: WorkedStep): number => {
  const d = rng.pick([1, 2, 10])
  return step.result >= d && rng.next() < 0.5 ? step.result - d : step.result + d
}

/**
 * Long style: restates the problem, works each step in words, double-checks about half of the correct steps by
 * the inverse operation, sometimes starts with a wrong value and backtracks, then re-checks the whole chain.
 */
export const longTrace = (problem: SyntheticProblem, steps: ReadonlyArray<WorkedStep>, rng: Rng): string => {
  const parts: Array<string> = [
    `Let me restate: ${problem.name} starts with ${problem.start} ${problem.item}, then ${steps.length} changes.`
  ]
  steps.forEach((step, i) => {
    const lead = i === steps.length - 1 && i > 0 ? "Finally" : (ORDINAL[Math.min(i, ORDINAL.length - 2)] as string)
    parts.push(`${lead}, ${describeStep(problem, step.op)}.`)
    if (!step.slipped && rng.next() < 0.25) {
      const wrong = falseStart(rng, step)
      parts.push(`That gives ${wrong}? Wait, no. Redo: ${equation(step)}.`)
    } else {
      parts.push(`So ${equation(step)}.`)
    }
    if (!step.slipped && rng.next() < 0.5) parts.push(`Wait, let me double-check: ${inverseCheck(step)}. Yes.`)
  })
  const answer = finalValue(problem, steps)
  const chain = [problem.start, ...steps.map((s) => s.result)].join(" -> ")
  parts.push(`Re-checking the chain: ${chain}. So ${problem.name} has ${answer} ${problem.item} now.`)
  return `${parts.join(" ")}\n${boxed(answer)}`
}
