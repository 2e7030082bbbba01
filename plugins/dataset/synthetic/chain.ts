// The `chain` task: a start digit and a chain of small operations mod 10, its exact solution and its question text.
import type { Rng } from "./prng.ts"

/** The modulus of every chain: all values are single digits. */
export const MODULUS = 10

/** One operation of a chain; `times` factors are 3, 7 or 9, which permute the digits mod 10. */
export interface ChainOp {
  readonly op: "plus" | "minus" | "times"
  readonly n: number
}

/** A chain as stored in `row.meta.chain`. */
export interface ChainProblem {
  readonly start: number
  readonly ops: ReadonlyArray<ChainOp>
}

/** Factors of `times`: units mod 10, so every operation is a bijection of the digits and a wrong value never heals. */
export const TIMES_FACTORS: ReadonlyArray<number> = [3, 7, 9]

/** Written symbol of an operation in traces. */
export const SYMBOL: Readonly<Record<ChainOp["op"], string>> = { plus: "+", minus: "-", times: "*" }

const mod = (x: number): number => ((x % MODULUS) + MODULUS) % MODULUS

/** The digit after one operation. */
export const applyChainOp = (value: number, op: ChainOp): number => {
  switch (op.op) {
    case "plus": return mod(value + op.n)
    case "minus": return mod(value - op.n)
    case "times": return mod(value * op.n)
  }
}

/** The unreduced integer of one operation (e.g. 7*3 = 21, 2-5 = -3), which long traces show before reducing. */
export const rawChainOp = (value: number, op: ChainOp): number => {
  switch (op.op) {
    case "plus": return value + op.n
    case "minus": return value - op.n
    case "times": return value * op.n
  }
}

/** The running digits: `values[0]` is the start, `values[i + 1]` the digit after operation `i`. */
export const chainValues = (chain: ChainProblem): ReadonlyArray<number> =>
  chain.ops.reduce<Array<number>>((acc, op) => [...acc, applyChainOp(acc[acc.length - 1] as number, op)], [chain.start])

/** The final digit of a chain. */
export const solveChain = (chain: ChainProblem): number => chainValues(chain)[chain.ops.length] as number

/** A random chain with exactly `steps` operations. */
export const generateChain = (rng: Rng, steps: number): ChainProblem => {
  const start = rng.int(0, MODULUS - 1)
  const ops: Array<ChainOp> = []
  for (let i = 0; i < steps; i++) {
    const op = rng.pick(["plus", "minus", "times"] as const)
    ops.push({ op, n: op === "times" ? rng.pick(TIMES_FACTORS) : rng.int(1, MODULUS - 1) })
  }
  return { start, ops }
}

/**
 * The question, operations in words so that the normalised text used for splits and leakage keeps them apart,
 * e.g. `Mod 10, start at 7: (1) times 3, (2) minus 1. Result?`.
 */
export const renderChainQuestion = (chain: ChainProblem): string =>
  `Mod ${MODULUS}, start at ${chain.start}: ${chain.ops.map((o, i) => `(${i + 1}) ${o.op} ${o.n}`).join(", ")}. Result?`

const isDigit = (u: unknown): u is number => typeof u === "number" && Number.isInteger(u) && u >= 0 && u < MODULUS

const isChainOp = (u: unknown): u is ChainOp => {
  if (typeof u !== "object" || u === null) return false
  const o = u as Record<string, unknown>
  if (o["op"] === "times") return typeof o["n"] === "number" && TIMES_FACTORS.includes(o["n"])
  return (o["op"] === "plus" || o["op"] === "minus") && isDigit(o["n"]) && o["n"] > 0
}

/** Reads a chain back from untyped row metadata; null when the row holds no valid chain. */
export const parseChain = (meta: unknown): ChainProblem | null => {
  if (typeof meta !== "object" || meta === null) return null
  const c = (meta as Record<string, unknown>)["chain"]
  if (typeof c !== "object" || c === null) return null
  const o = c as Record<string, unknown>
  return isDigit(o["start"]) && Array.isArray(o["ops"]) && o["ops"].length > 0 && o["ops"].every(isChainOp)
    ? (c as ChainProblem)
    : null
}
