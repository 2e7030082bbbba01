// Inequalities in one variable as intervals: `x > 5` is (5, \infty), `-1 < x \leq 2` is (-1, 2], `2x+1 > 7` is (3, \infty).
import { splitTop, type Shape } from "./structure.ts"
import { freeVariables, realValueAt, solveFor } from "./symbolic.ts"

type Op = "<" | "\\leq" | ">" | "\\geq"

const opPattern = /\\leq|\\geq|<|>/g
const orSeparator = /^(?:\\text\{\s*or\s*\}|\s+or\s+|\\lor(?![A-Za-z])|\\vee(?![A-Za-z]))/

const isVariable = (s: string): boolean => /^(?:[A-Za-z]|\\[A-Za-z]+)(?:_\{?\w+\}?)?$/.test(s.trim()) && !/^\\(?:infty|pi)$/.test(s.trim())

const flip = (op: Op): Op => op === "<" ? ">" : op === ">" ? "<" : op === "\\leq" ? "\\geq" : "\\leq"
const strict = (op: Op): boolean => op === "<" || op === ">"

const interval = (lo: string, loOpen: boolean, hi: string, hiOpen: boolean): Shape => ({
  kind: "seq",
  open: loOpen ? "(" : "[",
  close: hiOpen ? ")" : "]",
  items: [{ kind: "scalar", text: lo }, { kind: "scalar", text: hi }]
})

/** `v op bound` as an interval. */
const ray = (op: Op, bound: string): Shape =>
  op === ">" || op === "\\geq" ? interval(bound, strict(op), "\\infty", true) : interval("-\\infty", true, bound, strict(op))

/** Splits at top-level relation signs, keeping them: `a < x \leq b` -> [a, "<", x, "\leq", b]. */
const chain = (s: string): { readonly terms: ReadonlyArray<string>; readonly ops: ReadonlyArray<Op> } | null => {
  const ops: Array<Op> = []
  const terms = splitTop(s, /^(?:\\leq(?![A-Za-z])|\\geq(?![A-Za-z])|<|>)/)
  for (const m of s.matchAll(opPattern)) ops.push(m[0] as Op)
  if (terms.length < 2 || ops.length !== terms.length - 1 || terms.some((t) => t === "")) return null
  return { terms, ops }
}

/** `lhs op rhs` with one free variable, solved when linear: the root of lhs = rhs and which side holds. */
const solvedRay = (lhs: string, op: Op, rhs: string): { readonly variable: string; readonly shape: Shape } | null => {
  const vars = freeVariables(`(${lhs})-(${rhs})`)
  if (vars === null || vars.length !== 1) return null
  const v = vars[0]!
  const roots = solveFor(lhs, rhs, v)
  if (roots === null || roots.length !== 1) return null
  const root = realValueAt(roots[0]!, {})
  if (root === null) return null
  // Linear in v: the difference changes sign once, at the root; the side where `>` holds decides the ray.
  const diff = (x: number) => realValueAt(`(${lhs})-(${rhs})`, { [v]: x })
  const above = diff(root + 1)
  const below = diff(root - 1)
  if (above === null || below === null || Math.sign(above) === Math.sign(below) || above === 0) return null
  const greater = op === ">" || op === "\\geq"
  const holdsAbove = greater ? above > 0 : above < 0
  return { variable: v, shape: ray(holdsAbove ? (strict(op) ? ">" : "\\geq") : (strict(op) ? "<" : "\\leq"), roots[0]!) }
}

const single = (s: string): { readonly variable: string; readonly shape: Shape } | null => {
  const c = chain(s)
  if (c === null) return null
  if (c.terms.length === 2) {
    const [l, r] = c.terms as [string, string]
    const op = c.ops[0]!
    if (isVariable(l) && !/[A-Za-z]/.test(r.replace(/\\(?:infty|pi|frac|sqrt|cdot|times)/g, ""))) return { variable: l.trim(), shape: ray(op, r) }
    if (isVariable(r) && !/[A-Za-z]/.test(l.replace(/\\(?:infty|pi|frac|sqrt|cdot|times)/g, ""))) return { variable: r.trim(), shape: ray(flip(op), l) }
    return solvedRay(l, op, r)
  }
  if (c.terms.length === 3 && isVariable(c.terms[1]!)) {
    const [a, v, b] = c.terms as [string, string, string]
    const [o1, o2] = c.ops as [Op, Op]
    const up = (o: Op) => o === "<" || o === "\\leq"
    if (up(o1) && up(o2)) return { variable: v.trim(), shape: interval(a, strict(o1), b, strict(o2)) }
    if (!up(o1) && !up(o2)) return { variable: v.trim(), shape: interval(b, strict(o2), a, strict(o1)) }
  }
  return null
}

/**
 * The intervals a cleaned answer of inequalities in one variable denotes (`or` joins them into a union),
 * with the variable; null when it is not such an answer.
 */
export const relationIntervals = (input: string): { readonly variable: string; readonly shape: Shape } | null => {
  if (!/\\leq|\\geq|<|>/.test(input)) return null
  // Set-builder notation: `\{x \mid x > 3\}` is the relation inside.
  const builder = /^\\\{\s*([A-Za-z])\s*(?:\\mid|\||:)\s*([\s\S]*)\\\}$/.exec(input.trim())
  const s = builder === null ? input : builder[2]!
  const parts = splitTop(s, orSeparator)
  const read = parts.map(single)
  if (read.some((r) => r === null)) return null
  const variables = new Set(read.map((r) => r!.variable))
  if (variables.size !== 1) return null
  const shapes = read.map((r) => r!.shape)
  return { variable: [...variables][0]!, shape: shapes.length === 1 ? shapes[0]! : { kind: "union", parts: shapes } }
}
