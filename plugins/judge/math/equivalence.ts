// Decides whether an extracted answer equals a reference: strings, numbers, expressions, tuples, intervals, sets, choices.
import type { AnswerKind } from "../../../src/plugins/index.ts"
import { predictedChoice, referenceChoice } from "./choices.ts"
import { cleanLatex, compact, stripLhs, textKey } from "./normalize.ts"
import { numbersEqual, parseNumber } from "./numbers.ts"
import { relaxedMatch } from "./relaxed.ts"
import { parseShape, type Shape } from "./structure.ts"
import { latexEquivalent } from "./symbolic.ts"

/** Tolerances and switches of the comparison. */
export interface EquivalenceOptions {
  /** Relative tolerance for numeric equality (1e-6: `0.333333` equals `\frac{1}{3}`, `0.333` does not). */
  readonly relTol: number
  /** Relative tolerance of `answerKind: "relaxed-number"` (ChartQA: 0.05). */
  readonly relaxedTolerance: number
  /** Compare expressions with the compute engine (otherwise strings and plain numbers only). */
  readonly symbolic: boolean
}

/** The defaults used when a config leaves them out. */
export const defaultEquivalence: EquivalenceOptions = { relTol: 1e-6, relaxedTolerance: 0.05, symbolic: true }

/** Hints that travel with a reference. */
export interface AnswerHints {
  readonly choices?: ReadonlyArray<string> | undefined
  readonly answerKind?: AnswerKind | undefined
}

/** Longer answers are compared as strings and numbers only (parsing them costs seconds and they are rarely right). */
const maxSymbolicChars = 400

const isText = (s: string): boolean => /^[\p{L}\s'’.,()&-]+$/u.test(s) && /\p{L}/u.test(s)

/** Two single values (no top-level lists), already cleaned. */
export const scalarsEqual = (a: string, b: string, o: EquivalenceOptions): boolean => {
  const x = stripLhs(a)
  const y = stripLhs(b)
  if (compact(x) === compact(y)) return true
  const nx = parseNumber(x)
  const ny = parseNumber(y)
  if (nx !== null && ny !== null) return numbersEqual(nx, ny, o.relTol)
  if (isText(x) || isText(y)) return isText(x) && isText(y) && textKey(x) === textKey(y)
  // A numeral in another base ("52_8") must be written in that base.
  if (!o.symbolic || /\d_\{?\d+\}?$/.test(x) || /\d_\{?\d+\}?$/.test(y)) return false
  if (x.length > maxSymbolicChars || y.length > maxSymbolicChars) return false
  const px = x.includes("%")
  const py = y.includes("%")
  const xs = x.replace(/%/g, "")
  const ys = y.replace(/%/g, "")
  if (latexEquivalent(xs, ys, o.relTol) === true) return true
  if (px === py) return false
  return latexEquivalent(px ? `(${xs})/100` : xs, py ? `(${ys})/100` : ys, o.relTol) === true
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

/** Two answer strings in general form (cleaned here). */
export const answersEqual = (pred: string, ref: string, o: EquivalenceOptions = defaultEquivalence): boolean => {
  const p = cleanLatex(pred)
  const r = cleanLatex(ref)
  if (p === "" || r === "") return false
  if (compact(p) === compact(r)) return true
  return shapesEqual(parseShape(p), parseShape(r), o)
}

/**
 * Whether an extracted prediction answers a reference, using the hints: `relaxed-number` compares
 * ChartQA-style, `text` compares text keys, and `choices` maps letters and option texts to options.
 */
export const judgeAnswer = (pred: string, ref: string, hints: AnswerHints, o: EquivalenceOptions = defaultEquivalence): boolean => {
  if (hints.answerKind === "relaxed-number") return relaxedMatch(pred, ref, o.relaxedTolerance)
  if (hints.answerKind === "text") return textKey(cleanLatex(pred)) === textKey(cleanLatex(ref))
  const choices = hints.choices ?? []
  if (choices.length > 0) {
    const eq = (a: string, b: string) => answersEqual(a, b, o)
    const r = referenceChoice(ref, choices, eq)
    if (r !== null) return predictedChoice(pred, choices, eq) === r
  }
  return answersEqual(pred, ref, o)
}
