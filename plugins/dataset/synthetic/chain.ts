// The `chain` task: a start digit and a chain of small additions and subtractions mod 10, solved exactly.
import type { Rng } from "./prng.ts"

/** The modulus of every chain: all values are single digits. */
export const MODULUS = 10

/** One operation of a chain: add or subtract 1 to MAX_OPERAND, mod 10. */
export interface ChainOp {
  readonly op: "add" | "sub"
  readonly n: number
}

/** A chain as stored in `row.meta.chain`. */
export interface ChainProblem {
  readonly start: number
  readonly ops: ReadonlyArray<ChainOp>
}

/** Largest operand: small steps keep the arithmetic to 60 facts that tiny students learn in minutes. */
export const MAX_OPERAND = 3

/** Written symbol of an operation in traces. */
export const SYMBOL: Readonly<Record<ChainOp["op"], string>> = { add: "+", sub: "-" }

const mod = (x: number): number => ((x % MODULUS) + MODULUS) % MODULUS

/** The digit after one operation; every operation is a bijection of the digits. */
export const applyChainOp = (value: number, op: ChainOp): number => mod(op.op === "add" ? value + op.n : value - op.n)

/** The operation that undoes `op` (what a check applies to the result). */
export const inverseOp = (op: ChainOp): ChainOp => ({ op: op.op === "add" ? "sub" : "add", n: op.n })

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
    ops.push({ op: rng.pick(["add", "sub"] as const), n: rng.int(1, MAX_OPERAND) })
  }
  return { start, ops }
}

/**
 * The label of operation `i` (A, B, C, ...): letters, so that looking an operation up by its label never
 * confuses it with an operand or a value, which are digits.
 */
export const stepLabel = (i: number): string => String.fromCharCode(65 + i)

/**
 * The question, operations in words so that the normalised text used for splits and leakage keeps them apart,
 * e.g. `Start 7, mod 10: (A) add 3, (B) sub 1.`.
 */
export const renderChainQuestion = (chain: ChainProblem): string =>
  `Start ${chain.start}, mod ${MODULUS}: ${chain.ops.map((o, i) => `(${stepLabel(i)}) ${o.op} ${o.n}`).join(", ")}.`

const isDigit = (u: unknown): u is number => typeof u === "number" && Number.isInteger(u) && u >= 0 && u < MODULUS

const isChainOp = (u: unknown): u is ChainOp => {
  if (typeof u !== "object" || u === null) return false
  const o = u as Record<string, unknown>
  return (o["op"] === "add" || o["op"] === "sub") && isDigit(o["n"]) && o["n"] >= 1 && o["n"] <= MAX_OPERAND
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
