// Procedural generation of synthetic problems and the train/test split rule.
import { normaliseText, sha256Hex } from "../../../src/data/leakage.ts"
import type { Rng } from "./prng.ts"
import { applyOperation, type Operation, type SyntheticProblem } from "./problem.ts"

/** Default largest value any number in a problem, intermediate result or answer may take. */
export const MAX_VALUE = 300

const PEOPLE: ReadonlyArray<readonly [string, "she" | "he"]> = [
  ["Mia", "she"], ["Leo", "he"], ["Ava", "she"], ["Sam", "he"], ["Zoe", "she"], ["Max", "he"],
  ["Ivy", "she"], ["Ben", "he"], ["Noa", "she"], ["Eli", "he"], ["Lily", "she"], ["Omar", "he"]
]
const ITEMS: ReadonlyArray<string> = [
  "apples", "marbles", "stickers", "coins", "cards", "pencils", "shells", "books", "eggs", "beads", "stamps", "cookies"
]
const CONTAINERS: ReadonlyArray<string> = ["bags", "boxes", "packs", "jars"]

/** The operations that keep the running value a non-negative integer within maxValue. */
const candidateOps = (rng: Rng, value: number, maxValue: number): ReadonlyArray<Operation> => {
  const ops: Array<Operation> = []
  const room = maxValue - value
  if (room >= 1) ops.push({ op: "add", n: rng.int(1, Math.min(20, room)) })
  if (value >= 2) ops.push({ op: "sub", n: rng.int(1, Math.min(20, value - 1)) })
  const groups = rng.int(2, 5)
  const each = rng.int(2, 8)
  if (groups * each <= room) ops.push({ op: "addGroups", groups, each })
  const factor = rng.int(2, 3)
  if (value >= 1 && value * factor <= maxValue) ops.push({ op: "mul", factor })
  const divisors = [2, 3, 4, 5].filter((d) => value >= d * 2 && value % d === 0)
  if (divisors.length > 0) ops.push({ op: "div", parts: rng.pick(divisors) })
  return ops
}

/** A random problem with exactly `steps` operations whose numbers stay within `maxValue`. */
export const generateProblem = (rng: Rng, steps: number, maxValue = MAX_VALUE): SyntheticProblem => {
  const [name, pronoun] = rng.pick(PEOPLE)
  const item = rng.pick(ITEMS)
  const container = rng.pick(CONTAINERS)
  const template = rng.int(0, 5)
  const start = rng.int(2, Math.min(30, maxValue - 1))
  const ops: Array<Operation> = []
  let value = start
  for (let i = 0; i < steps; i++) {
    const op = rng.pick(candidateOps(rng, value, maxValue))
    ops.push(op)
    value = applyOperation(value, op)
  }
  return { name, pronoun, item, container, template, start, ops }
}

/** Share of all possible problems that belong to the test split. */
export const TEST_FRACTION = 0.2

/**
 * The split a question belongs to, fixed by a hash of its normalised text: a question can only ever be
 * generated into one split, whatever the seed, so train and test never overlap.
 */
export const splitOf = (question: string): "train" | "test" =>
  parseInt(sha256Hex(normaliseText(question)).slice(0, 8), 16) / 0x100000000 < TEST_FRACTION ? "test" : "train"
