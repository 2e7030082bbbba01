// The structured form of a synthetic word problem and its exact solution.

/** One step applied to the running count. */
export type Operation =
  | { readonly op: "add"; readonly n: number }
  | { readonly op: "sub"; readonly n: number }
  | { readonly op: "addGroups"; readonly groups: number; readonly each: number }
  | { readonly op: "mul"; readonly factor: number }
  | { readonly op: "div"; readonly parts: number }

/** A problem as stored in `row.meta.problem`: who, what, the start value and the steps. */
export interface SyntheticProblem {
  readonly name: string
  readonly pronoun: "she" | "he"
  readonly item: string
  readonly container: string
  readonly template: number
  readonly start: number
  readonly ops: ReadonlyArray<Operation>
}

/** The value after applying one operation (exact integer arithmetic for valid problems). */
export const applyOperation = (value: number, op: Operation): number => {
  switch (op.op) {
    case "add": return value + op.n
    case "sub": return value - op.n
    case "addGroups": return value + op.groups * op.each
    case "mul": return value * op.factor
    case "div": return value / op.parts
  }
}

/** The running values: `values[0]` is the start, `values[i + 1]` the value after step `i`. */
export const runningValues = (problem: SyntheticProblem): ReadonlyArray<number> =>
  problem.ops.reduce<Array<number>>((acc, op) => [...acc, applyOperation(acc[acc.length - 1] as number, op)], [problem.start])

/** The final answer of a problem. */
export const solve = (problem: SyntheticProblem): number => {
  const values = runningValues(problem)
  return values[values.length - 1] as number
}

const isInt = (u: unknown): u is number => typeof u === "number" && Number.isInteger(u)

const isOperation = (u: unknown): u is Operation => {
  if (typeof u !== "object" || u === null) return false
  const o = u as Record<string, unknown>
  switch (o["op"]) {
    case "add": case "sub": return isInt(o["n"])
    case "addGroups": return isInt(o["groups"]) && isInt(o["each"])
    case "mul": return isInt(o["factor"])
    case "div": return isInt(o["parts"]) && (o["parts"] as number) > 0
    default: return false
  }
}

/** Reads a problem back from untyped row metadata; null when it is not a synthetic problem. */
export const parseProblem = (meta: unknown): SyntheticProblem | null => {
  if (typeof meta !== "object" || meta === null) return null
  const p = (meta as Record<string, unknown>)["problem"]
  if (typeof p !== "object" || p === null) return null
  const o = p as Record<string, unknown>
  const ok = typeof o["name"] === "string" && (o["pronoun"] === "she" || o["pronoun"] === "he") &&
    typeof o["item"] === "string" && typeof o["container"] === "string" && isInt(o["template"]) &&
    isInt(o["start"]) && Array.isArray(o["ops"]) && o["ops"].every(isOperation)
  return ok ? (p as SyntheticProblem) : null
}
