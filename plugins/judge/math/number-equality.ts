// When two read numbers are equal: exactly for rationals, to the written places for long decimals, relatively otherwise.
import type { Fraction } from "fraction.js"
import type { NumberValue } from "./numbers.ts"

/** A decimal written to at least this many places may stand for a fraction it rounds (`0.333333` for 1/3). */
export const minRoundedPlaces = 6

/** True when two floating-point values agree within a relative tolerance (no absolute slack: 0 equals only 0). */
export const closeTo = (a: number, b: number, relTol: number): boolean => {
  if (a === b) return true
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false
  return Math.abs(a - b) <= relTol * Math.max(Math.abs(a), Math.abs(b))
}

/** Whether `approx`, written to `places` decimals (at least minRoundedPlaces), is `exact` correctly rounded. */
export const roundsTo = (exact: Fraction, approx: Fraction, places: number): boolean =>
  places >= minRoundedPlaces && exact.round(places).equals(approx)

interface Reading {
  readonly exact: Fraction | null
  readonly value: number
  readonly decimals: number | null
}

const scaled = (n: NumberValue): Reading => ({
  exact: n.exact === null ? null : n.exact.div(100),
  value: n.value / 100,
  decimals: n.decimals === null ? null : n.decimals + 2
})

const same = (a: Reading, b: Reading, relTol: number): boolean => {
  if (a.exact !== null && b.exact !== null) {
    if (a.exact.equals(b.exact)) return true
    // A long decimal against a value written another way (a fraction): equal when it is that value rounded.
    if (a.decimals !== null && b.decimals === null) return roundsTo(b.exact, a.exact, a.decimals)
    if (b.decimals !== null && a.decimals === null) return roundsTo(a.exact, b.exact, b.decimals)
    return false
  }
  return closeTo(a.value, b.value, relTol)
}

/**
 * Whether two read numbers are equal. Literals compare exactly (`1450001` is not `1450000`, `0` is not
 * `2.88e-19`); a decimal of at least six places also equals a fraction it rounds. A percent sign on exactly one
 * side accepts both readings (`50%` equals `50` and `0.5`); on both sides or neither, the values must agree as written.
 */
export const numbersEqual = (a: NumberValue, b: NumberValue, relTol: number): boolean => {
  if (same(a, b, relTol)) return true
  if (a.percent === b.percent) return false
  return a.percent ? same(scaled(a), b, relTol) : same(a, scaled(b), relTol)
}
