// Decides whether an extracted answer equals a reference: strings, numbers, expressions, tuples, intervals, sets, choices.
import type { AnswerKind } from "../../../src/plugins/index.ts"
import { predictedChoice, referenceChoice } from "./choices.ts"
import { cleanLatex, compact, stripLhs, textKey } from "./normalize.ts"
import { minRoundedPlaces, numbersEqual } from "./number-equality.ts"
import { parseNumber } from "./numbers.ts"
import { relaxedMatch } from "./relaxed.ts"
import { relationIntervals } from "./relations.ts"
import { parseShape, splitTop, type Shape } from "./structure.ts"
import { latexEquivalent, realValueAt } from "./symbolic.ts"

/** Tolerances and switches of the comparison. */
export interface EquivalenceOptions {
  /** Relative tolerance for values computed in floating point (literals compare exactly). */
  readonly relTol: number
  /** Relative tolerance of `answerKind: "relaxed-number"` (ChartQA: 0.05). */
  readonly relaxedTolerance: number
  /** Compare expressions with the compute engine (otherwise strings and plain numbers only). */
  readonly symbolic: boolean
}

/** The defaults used when a config leaves them out. */
export const defaultEquivalence: EquivalenceOptions = { relTol: 1e-9, relaxedTolerance: 0.05, symbolic: true }

/** Hints that travel with a reference. */
export interface AnswerHints {
  readonly choices?: ReadonlyArray<string> | undefined
  readonly answerKind?: AnswerKind | undefined
  /** Decimal places both numbers are rounded to before comparing (MathVista's `precision`). */
  readonly precision?: number | undefined
}

/** Both numbers rounded to `places` decimals and compared; null when either side is not a number. */
const equalAtPrecision = (pred: string, ref: string, places: number): boolean | null => {
  const p = parseNumber(stripLhs(cleanLatex(pred)))
  const r = parseNumber(cleanLatex(ref))
  if (p === null || r === null || p.exact === null || r.exact === null) return null
  return p.exact.round(places).equals(r.exact.round(places))
}

/** Longer answers are compared as strings and numbers only (parsing them costs seconds and they are rarely right). */
const maxSymbolicChars = 400

const isText = (s: string): boolean => /^[\p{L}\s'’.,()&-]+$/u.test(s) && /\p{L}/u.test(s)

/** The parts of an equation chain `a = b \\approx c` (top level only; `\\leq`, `\\neq` are not `=`). */
const equationParts = (s: string): ReadonlyArray<string> => splitTop(s, /^(?:=(?!=)|\\approx(?![A-Za-z]))/)

const letterOnly = /^\(?([A-Za-z])\)?$/
const optionLead = /^(?:\(([A-Z])\)|([A-Z])[).:])(?:\s|$)/

/**
 * A single letter is case-sensitive (`b` is a variable, `B` an option letter) and `(B)` is `B`; a lower-case
 * `(b)` is read as an option only when choices exist, which is decided before this point. `(C) 27` names `C`.
 */
const lettersEqual = (x: string, y: string): boolean | null => {
  const lx = letterOnly.exec(x)
  const ly = letterOnly.exec(y)
  if (lx !== null && ly !== null) return lx[1] === ly[1]
  const upper = (m: RegExpExecArray | null) => m !== null && m[1] === m[1]!.toUpperCase()
  const ox = optionLead.exec(x)
  const oy = optionLead.exec(y)
  if (ox !== null && upper(ly)) return (ox[1] ?? ox[2]) === ly![1]
  if (oy !== null && upper(lx)) return (oy[1] ?? oy[2]) === lx![1]
  return null
}

/** A decimal of six or more places against a closed form (`1.414214` for `\\sqrt{2}`): the form rounded. */
const roundedDecimalMatch = (x: string, y: string): boolean => {
  const n = parseNumber(x)
  if (n === null || n.decimals === null || n.decimals < minRoundedPlaces || n.percent || parseNumber(y) !== null) return false
  const v = realValueAt(y, {})
  return v !== null && Math.abs(v - n.value) <= 0.5 * 10 ** -n.decimals * (1 + 1e-9)
}

/** Two single values (no top-level lists), already cleaned. */
export const scalarsEqual = (a: string, b: string, o: EquivalenceOptions): boolean => {
  const x = stripLhs(a)
  const y = stripLhs(b)
  if (compact(x) === compact(y)) return true
  // Two equations (`2x + y = 3`, `y = 3 - 2x`) compare as equations, before either loses its left side.
  if (o.symbolic && (x !== a || y !== b) && equationParts(a).length === 2 && equationParts(b).length === 2 &&
    a.length <= maxSymbolicChars && b.length <= maxSymbolicChars && latexEquivalent(a, b, o.relTol) === true) return true
  const letters = lettersEqual(x, y)
  if (letters !== null) return letters
  const nx = parseNumber(x)
  const ny = parseNumber(y)
  if (nx !== null && ny !== null) return numbersEqual(nx, ny, o.relTol)
  // A prediction that works to its result (`3 + 4 = 7`) answers a reference without an equation.
  const px = equationParts(x)
  const py = equationParts(y)
  if (px.length > 1 && py.length === 1) return scalarsEqual(px.at(-1)!, y, o) || (/\\approx/.test(x) && scalarsEqual(px[0]!, y, o))
  if (isText(x) || isText(y)) return isText(x) && isText(y) && textKey(x) === textKey(y)
  // A numeral in another base ("52_8") must be written in that base.
  if (!o.symbolic || /\d_\{?\d+\}?$/.test(x) || /\d_\{?\d+\}?$/.test(y)) return false
  if (x.length > maxSymbolicChars || y.length > maxSymbolicChars) return false
  if (roundedDecimalMatch(x, y) || roundedDecimalMatch(y, x)) return true
  const pctX = x.includes("%")
  const pctY = y.includes("%")
  const xs = x.replace(/%/g, "")
  const ys = y.replace(/%/g, "")
  if (latexEquivalent(xs, ys, o.relTol) === true) return true
  if (pctX === pctY) return false
  return latexEquivalent(pctX ? `(${xs})/100` : xs, pctY ? `(${ys})/100` : ys, o.relTol) === true
}

/** A perfect matching between two lists under `eq` (sizes must agree). */
const matchAll = <T>(xs: ReadonlyArray<T>, ys: ReadonlyArray<T>, eq: (a: T, b: T) => boolean): boolean => {
  if (xs.length !== ys.length) return false
  const edges = xs.map((x) => ys.map((y) => eq(x, y)))
  const owner: Array<number> = ys.map(() => -1)
  const augment = (i: number, seen: Array<boolean>): boolean => {
    for (let j = 0; j < ys.length; j++) {
      if (!edges[i]![j] || seen[j]) continue
      seen[j] = true
      if (owner[j] === -1 || augment(owner[j]!, seen)) {
        owner[j] = i
        return true
      }
    }
    return false
  }
  return xs.every((_, i) => augment(i, ys.map(() => false)))
}

const inOrder = (xs: ReadonlyArray<Shape>, ys: ReadonlyArray<Shape>, o: EquivalenceOptions): boolean =>
  xs.length === ys.length && xs.every((x, i) => shapesEqual(x, ys[i]!, o))

const unwrap = (s: Shape): Shape =>
  s.kind === "set" && s.items.length === 1 ? unwrap(s.items[0]!)
    : s.kind === "union" && s.parts.length === 1 ? unwrap(s.parts[0]!)
    : s

/** Two answer shapes: tuples and intervals in order with the same brackets, sets and unions in any order. */
export const shapesEqual = (left: Shape, right: Shape, o: EquivalenceOptions): boolean => {
  const a = unwrap(left)
  const b = unwrap(right)
  if (a.kind === "scalar" && b.kind === "scalar") return scalarsEqual(a.text, b.text, o)
  if (a.kind === "seq" && b.kind === "seq") return a.open === b.open && a.close === b.close && inOrder(a.items, b.items, o)
  if (a.kind === "set" && b.kind === "set") return matchAll(a.items, b.items, (x, y) => shapesEqual(x, y, o))
  if (a.kind === "union" && b.kind === "union") return matchAll(a.parts, b.parts, (x, y) => shapesEqual(x, y, o))
  // A bare list "1, 2" may stand for the tuple "(1, 2)".
  const tuple = (s: Shape) => s.kind === "seq" && s.open === "(" && s.close === ")"
  if (a.kind === "set" && a.bare && tuple(b) && b.kind === "seq") return inOrder(a.items, b.items, o)
  if (b.kind === "set" && b.bare && tuple(a) && a.kind === "seq") return inOrder(a.items, b.items, o)
  return false
}

const decimalComma = /^([+-]?\d+)(?:,|\{,\})(\d{1,2}|\d{4,})$/

/** Inequalities in one variable against each other or against intervals; null when neither side is one. */
const relationsEqual = (p: string, r: string, o: EquivalenceOptions): boolean | null => {
  const rp = relationIntervals(p)
  const rr = relationIntervals(r)
  if (rp === null && rr === null) return null
  if (rp !== null && rr !== null && rp.variable !== rr.variable) return false
  return shapesEqual(rp?.shape ?? parseShape(p), rr?.shape ?? parseShape(r), o)
}

/** Two answer strings in general form (cleaned here). */
export const answersEqual = (pred: string, ref: string, o: EquivalenceOptions = defaultEquivalence): boolean => {
  let p = cleanLatex(pred)
  const r = cleanLatex(ref)
  if (p === "" || r === "") return false
  if (compact(p) === compact(r)) return true
  // `3,5` against a single number is a decimal comma; against a list it stays a list.
  if (decimalComma.test(p) && parseNumber(r) !== null) p = p.replace(decimalComma, "$1.$2")
  if (relationsEqual(p, r, o) === true) return true
  return shapesEqual(parseShape(p), parseShape(r), o)
}

/**
 * Whether an extracted prediction answers a reference, using the hints: `relaxed-number` compares
 * ChartQA-style, `text` compares text keys, and `choices` maps letters and option texts to options.
 */
export const judgeAnswer = (pred: string, ref: string, hints: AnswerHints, o: EquivalenceOptions = defaultEquivalence): boolean => {
  if (hints.answerKind === "relaxed-number") return relaxedMatch(pred, ref, o.relaxedTolerance)
  if (hints.answerKind === "text") return textKey(cleanLatex(pred)) === textKey(cleanLatex(ref))
  if (hints.precision !== undefined && Number.isInteger(hints.precision) && hints.precision >= 0) {
    const rounded = equalAtPrecision(pred, ref, hints.precision)
    if (rounded !== null) return rounded
  }
  const choices = hints.choices ?? []
  if (choices.length > 0) {
    const eq = (a: string, b: string) => answersEqual(a, b, o)
    const r = referenceChoice(ref, choices, eq)
    if (r !== null) return predictedChoice(pred, choices, eq) === r
  }
  return answersEqual(pred, ref, o)
}
