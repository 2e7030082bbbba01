// Compares two LaTeX expressions with @cortex-js/compute-engine: exact values numerically, free variables by sampling.
import { ComputeEngine, isFunction, type Expression } from "@cortex-js/compute-engine"
import { closeTo } from "./number-equality.ts"

type Expr = Expression

let engine: ComputeEngine | undefined
const ce = (): ComputeEngine => (engine ??= new ComputeEngine())

const parse = (latex: string): Expr | null => {
  try {
    const e = ce().parse(latex)
    return e.isValid ? e : null
  } catch {
    return null
  }
}

interface Complex {
  readonly re: number
  readonly im: number
}

const evaluate = (e: Expr, values: Readonly<Record<string, number>>): Complex | null => {
  try {
    const n = (Object.keys(values).length === 0 ? e : e.subs(values)).N()
    const re = n.re
    const im = n.im
    if (typeof re !== "number" || Number.isNaN(re)) return null
    return { re, im: typeof im === "number" && !Number.isNaN(im) ? im : 0 }
  } catch {
    return null
  }
}

/** Floating-point slack for values computed from expressions (cancellation in sin^2 + cos^2 - 1); literals never get here. */
const absSlack = 1e-14

const sameComplex = (a: Complex, b: Complex, relTol: number): boolean => {
  if (!Number.isFinite(a.re) || !Number.isFinite(b.re)) return a.re === b.re && closeTo(a.im, b.im, relTol)
  const scale = Math.max(Math.hypot(a.re, a.im), Math.hypot(b.re, b.im))
  return Math.hypot(a.re - b.re, a.im - b.im) <= relTol * scale + absSlack
}

/** Sample points for the free variables: non-integers first, small integers when those give no value. */
const samplePoints = (vars: ReadonlyArray<string>): ReadonlyArray<Readonly<Record<string, number>>> => {
  const base = [0.37, 1.41, 2.23, 3.17, 0.83, 1.93]
  const ints = [2, 3, 4, 5, 6, 7]
  const at = (xs: ReadonlyArray<number>) =>
    xs.map((x, p) => Object.fromEntries(vars.map((v, i) => [v, i === 0 ? x : xs[(p + i * 2) % xs.length]! + i * 0.29])))
  return [...at(base), ...at(ints).map((pt) => Object.fromEntries(Object.entries(pt).map(([k, v]) => [k, Math.round(v)])))]
}

const unknownsOf = (...es: ReadonlyArray<Expr>): ReadonlyArray<string> =>
  [...new Set(es.flatMap((e) => [...e.unknowns]))].sort()

const operator = (e: Expr): string | undefined => {
  const json = e.json
  return Array.isArray(json) && typeof json[0] === "string" ? json[0] : undefined
}

const relations = new Set(["Equal", "NotEqual", "Less", "LessEqual", "Greater", "GreaterEqual"])

/** Values of f and g at common sample points; null when fewer than 3 points give both a value. */
const sampled = (f: Expr, g: Expr): ReadonlyArray<readonly [Complex, Complex]> | null => {
  const vars = unknownsOf(f, g)
  if (vars.length === 0) {
    const a = evaluate(f, {})
    const b = evaluate(g, {})
    return a === null || b === null ? null : [[a, b]]
  }
  const pairs: Array<readonly [Complex, Complex]> = []
  for (const pt of samplePoints(vars)) {
    const a = evaluate(f, pt)
    const b = evaluate(g, pt)
    if (a !== null && b !== null && Number.isFinite(a.re) && Number.isFinite(b.re)) pairs.push([a, b])
    if (pairs.length >= 5) break
  }
  return pairs.length >= 3 ? pairs : null
}

const sides = (e: Expr): Expr | null => {
  if (!isFunction(e) || e.ops.length !== 2) return null
  const ops = e.ops
  try {
    return ops[0]!.sub(ops[1]!)
  } catch {
    return null
  }
}

/** Equations are equivalent when their sides' differences are proportional (2x = 4 and x - 2 = 0). */
const equationsEquivalent = (a: Expr, b: Expr, relTol: number): boolean | null => {
  const f = sides(a)
  const g = sides(b)
  if (f === null || g === null) return null
  const pairs = sampled(f, g)
  if (pairs === null) return null
  const ratios = pairs.filter(([, y]) => Math.abs(y.re) > 1e-9).map(([x, y]) => x.re / y.re)
  if (ratios.length < Math.min(3, pairs.length) || ratios[0] === 0) return false
  return ratios.every((r) => closeTo(r, ratios[0]!, relTol))
}

const compare = (a: string, b: string, relTol: number): boolean | null => {
  const x = parse(a)
  const y = parse(b)
  if (x === null || y === null) return null
  const opX = operator(x)
  const opY = operator(y)
  if (opX === "Equal" && opY === "Equal") return equationsEquivalent(x, y, relTol)
  if (relations.has(opX ?? "") || relations.has(opY ?? "")) return x.isSame(y)
  const pairs = sampled(x, y)
  if (pairs === null) return x.isSame(y) ? true : null
  return pairs.every(([p, q]) => sameComplex(p, q, relTol))
}

/**
 * Whether two LaTeX expressions denote the same value: numerically for closed forms, by sampling
 * for expressions with free variables, up to a non-zero factor for two equations, structurally
 * for inequalities. Null when either side cannot be parsed or evaluated.
 */
export const latexEquivalent = (a: string, b: string, relTol: number): boolean | null => {
  // A scope per comparison: symbols typed while parsing one answer must not leak into the next.
  ce().pushScope()
  try {
    return compare(a, b, relTol)
  } catch {
    return null
  } finally {
    ce().popScope()
  }
}

const scoped = <A>(f: () => A, otherwise: A): A => {
  ce().pushScope()
  try {
    return f()
  } catch {
    return otherwise
  } finally {
    ce().popScope()
  }
}

/** The free variables of a LaTeX expression, or null when it does not parse. */
export const freeVariables = (latex: string): ReadonlyArray<string> | null =>
  scoped(() => {
    const e = parse(latex)
    return e === null ? null : unknownsOf(e)
  }, null)

/** The real value of a LaTeX expression with its variables set, or null when it has none. */
export const realValueAt = (latex: string, values: Readonly<Record<string, number>>): number | null =>
  scoped(() => {
    const e = parse(latex)
    const v = e === null ? null : evaluate(e, values)
    return v === null || v.im !== 0 || !Number.isFinite(v.re) ? null : v.re
  }, null)

/** The roots of `lhs = rhs` in `variable` as LaTeX (the compute engine's solver), or null when it finds none. */
export const solveFor = (lhs: string, rhs: string, variable: string): ReadonlyArray<string> | null =>
  scoped(() => {
    const e = parse(`${lhs}=${rhs}`)
    const roots = e?.solve([variable])
    if (roots === undefined || roots === null || !Array.isArray(roots) || roots.length === 0) return null
    return (roots as ReadonlyArray<unknown>).flatMap((r) => typeof r === "object" && r !== null && "latex" in r ? [String(r.latex)] : [])
  }, null)
