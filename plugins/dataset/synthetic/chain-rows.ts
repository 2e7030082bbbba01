// Builds the deterministic `chain` rows of one split, streamed or as a list, each digit the answer of an equal share of rows.
import { normaliseText, sha256Hex } from "../../../src/data/leakage.ts"
import type { Row } from "../../../src/plugins/index.ts"
import { generateChain, MODULUS, renderChainQuestion, solveChain } from "./chain.ts"
import { splitOf } from "./generate.ts"
import { makeRng } from "./prng.ts"

/** What to generate. */
export interface ChainOptions {
  readonly count: number
  readonly steps: readonly [number, number]
  readonly split: "train" | "test"
  readonly seed: number
}

/** Attempts allowed per requested row (other split, duplicates and other answers are skipped). */
const ATTEMPTS_PER_ROW = 200

/**
 * Generates up to `count` distinct chains of the requested split, one at a time, whose answers cycle through the
 * digits: row k answers k mod 10, so a constant answer scores one tenth of any multiple of ten rows. Yields fewer
 * rows only when the chains of the step range are exhausted.
 */
export function* chainRowStream(options: ChainOptions): Generator<Row> {
  const [minSteps, maxSteps] = options.steps
  const rng = makeRng(`synthetic-chain:${options.seed}:${minSteps}-${maxSteps}`)
  const seen = new Set<string>()
  const budget = options.count * ATTEMPTS_PER_ROW + 1000
  for (let attempt = 0; attempt < budget && seen.size < options.count; attempt++) {
    const chain = generateChain(rng, rng.int(minSteps, maxSteps))
    const answer = solveChain(chain)
    if (answer !== seen.size % MODULUS) continue
    const question = renderChainQuestion(chain)
    if (splitOf(question) !== options.split) continue
    const hash = sha256Hex(normaliseText(question))
    if (seen.has(hash)) continue
    seen.add(hash)
    yield {
      id: `syn-chain-${options.split}-${hash.slice(0, 12)}`,
      question,
      reference: String(answer),
      answerKind: "number",
      meta: { chain, steps: chain.ops.length }
    }
  }
}

/** The rows of `chainRowStream`, as a list. */
export const chainRows = (options: ChainOptions): ReadonlyArray<Row> => [...chainRowStream(options)]
