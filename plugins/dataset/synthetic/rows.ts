// Builds the deterministic synthetic rows of one split, streamed or as a list.
import { sha256Hex, normaliseText } from "../../../src/data/leakage.ts"
import type { Row } from "../../../src/plugins/index.ts"
import { generateProblem, splitOf } from "./generate.ts"
import { makeRng } from "./prng.ts"
import { solve } from "./problem.ts"
import { renderQuestion } from "./render.ts"

/** What to generate. */
export interface SyntheticOptions {
  readonly count: number
  readonly steps: readonly [number, number]
  readonly split: "train" | "test"
  readonly seed: number
  /** Largest number a problem may contain or reach (default 300); small values make the arithmetic memorisable. */
  readonly maxValue?: number
}

/** Attempts allowed per requested row before giving up (problems of the other split are skipped). */
const ATTEMPTS_PER_ROW = 50

/**
 * Generates up to `count` distinct problems of the requested split, one at a time. Problems whose text hashes to the
 * other split are skipped, as are duplicates. Yields fewer than `count` rows only when the problem space for the
 * step range is exhausted.
 */
export function* syntheticRowStream(options: SyntheticOptions): Generator<Row> {
  const [minSteps, maxSteps] = options.steps
  const rng = makeRng(`synthetic:${options.seed}:${minSteps}-${maxSteps}`)
  const seen = new Set<string>()
  const budget = options.count * ATTEMPTS_PER_ROW + 1000
  for (let attempt = 0; attempt < budget && seen.size < options.count; attempt++) {
    const problem = generateProblem(rng, rng.int(minSteps, maxSteps), options.maxValue)
    const question = renderQuestion(problem)
    if (splitOf(question) !== options.split) continue
    const hash = sha256Hex(normaliseText(question))
    if (seen.has(hash)) continue
    seen.add(hash)
    yield {
      id: `syn-${options.split}-${hash.slice(0, 12)}`,
      question,
      reference: String(solve(problem)),
      answerKind: "number",
      meta: { problem, steps: problem.ops.length }
    }
  }
}

/** The rows of `syntheticRowStream`, as a list. */
export const syntheticRows = (options: SyntheticOptions): ReadonlyArray<Row> => [...syntheticRowStream(options)]
