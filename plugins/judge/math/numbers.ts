// Reads plain numbers exactly: integers, decimals, scientific notation, thousands separators, fractions, mixed numbers, percents, words.
import { Fraction } from "fraction.js"
import { parseNumberWords } from "./number-words.ts"

export { parseNumberWords } from "./number-words.ts"

/**
 * A number read from an answer. `exact` is its rational value when it was written as one (every literal
 * here is), `decimals` the decimal places written when it was written as a plain decimal (`2.50` -> 2),
 * `percent` that it carried a percent sign.
 */
export interface NumberValue {
  readonly value: number
  readonly exact: Fraction | null
  readonly decimals: number | null
  readonly percent: boolean
}

const maxExponent = 400

/**
 * An exact rational: numerator and denominator as BigInts, or a finite float (approximated as fraction.js does).
 * fraction.js is the rational type mathjs itself wraps; importing it alone costs a judge about 100 MB less than mathjs.
 */
const fraction = (n: bigint | number, d: bigint = 1n): Fraction => {
  if (typeof n === "number" && !Number.isFinite(n)) throw new Error(`${n} cannot be represented as a fraction`)
  return typeof n === "number" ? new Fraction(n) : new Fraction(n, d)
}

/** The exact value of a decimal literal (`-12.50`, `6.02e23`, `.5`), or null when it is not one. */
export const exactDecimal = (s: string): Fraction | null => {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(s)
  if (m === null || (m[2] === "" && (m[3] ?? "") === "")) return null
  const digits = `${m[2]}${m[3] ?? ""}`
  let n = BigInt(digits === "" ? "0" : digits)
  let d = 10n ** BigInt((m[3] ?? "").length)
  const e = Number(m[4] ?? "0")
  if (Math.abs(e) > maxExponent) return null
  if (e > 0) n *= 10n ** BigInt(e)
  else if (e < 0) d *= 10n ** BigInt(-e)
  return fraction(m[1] === "-" ? -n : n, d)
}

const decimal = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i
const thousands = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/
const spacedThousands = /^[+-]?\d{1,3}(?: \d{3})+(?:\.\d+)?$/
const scientific = /^([+-]?(?:\d+\.?\d*|\.\d+))\s*(?:\\times|\\cdot|\*|×)\s*10\s*\^\s*\{?\s*([+-]?\d+)\s*\}?$/
const powerOfTen = /^([+-]?)10\s*\^\s*\{?\s*([+-]?\d+)\s*\}?$/
const slashFraction = /^([+-]?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/
const texFraction = /^([+-])?\s*\\frac\{\s*([+-]?\d+(?:\.\d+)?)\s*\}\{\s*(\d+(?:\.\d+)?)\s*\}$/
const ratioPattern = /^(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)$/
const mixed = /^([+-])?\s*(\d+)\s*\\frac\{\s*(\d+)\s*\}\{\s*(\d+)\s*\}$/
/** Trailing unit words (`12 apples`, `5 km/h`, `1000 g`, `3 m^2`); one-letter units only from a short list. */
const unitWords = /^(.*?[\d}])((?:\s+(?:[A-Za-z]{2,}|[gmshLNJWVK])\.?(?:\^\d)?(?:\/[A-Za-z]+(?:\^\d)?)?)+)\s*$/
const notUnits = new Set(["pi", "sqrt", "and", "or", "to", "times", "cdot", "i"])

const value = (exact: Fraction | null, percent: boolean, decimals: number | null = null): NumberValue | null =>
  exact === null ? null : { value: Number(exact.valueOf()), exact, decimals, percent }

const ratio = (a: Fraction | null, b: Fraction | null): Fraction | null =>
  a === null || b === null || b.equals(0) ? null : a.div(b)

const decimalsOf = (s: string): number => {
  const m = /\.(\d*)$/.exec(s.replace(/^[+-]/, ""))
  return m === null ? 0 : m[1]!.length
}

/** The number a whole cleaned answer denotes, or null when it is not a plain number. */
export const parseNumber = (input: string): NumberValue | null => {
  let s = input.trim().replace(/\{,\}/g, ",")
  const percent = /%$/.test(s) || /\s+percent$/i.test(s)
  if (percent) s = s.replace(/(?:%|\s+percent)$/i, "").trim()
  const words = parseNumberWords(s)
  if (words !== null) return value(fraction(words), percent, 0)
  const unit = unitWords.exec(s)
  if (unit !== null && unit[2]!.trim().split(/\s+/).every((w) => !notUnits.has(w.toLowerCase().replace(/\W.*$/, "")))) {
    s = unit[1]!.trim()
  }
  s = s.replace(/^([+-]?)\s+/, "$1")
  if (thousands.test(s)) s = s.replace(/,/g, "")
  else if (spacedThousands.test(s)) s = s.replace(/ /g, "")
  if (decimal.test(s)) return value(exactDecimal(s), percent, /e/i.test(s) ? null : decimalsOf(s))
  const sci = scientific.exec(s)
  if (sci !== null) return value(exactDecimal(`${sci[1]}e${sci[2]}`), percent)
  const pow = powerOfTen.exec(s)
  if (pow !== null) return value(exactDecimal(`${pow[1]}1e${pow[2]}`), percent)
  const slash = slashFraction.exec(s)
  if (slash !== null) return value(ratio(exactDecimal(slash[1]!), exactDecimal(slash[2]!)), percent)
  const r = ratioPattern.exec(s)
  if (r !== null) return value(ratio(exactDecimal(r[1]!), exactDecimal(r[2]!)), percent)
  const frac = texFraction.exec(s)
  if (frac !== null) {
    const q = ratio(exactDecimal(frac[2]!), exactDecimal(frac[3]!))
    return value(q === null ? null : frac[1] === "-" ? q.neg() : q, percent)
  }
  const mix = mixed.exec(s)
  if (mix !== null) {
    const q = ratio(exactDecimal(mix[3]!), exactDecimal(mix[4]!))
    const whole = q === null ? null : q.add(fraction(BigInt(mix[2]!), 1n))
    return value(whole === null ? null : mix[1] === "-" ? whole.neg() : whole, percent)
  }
  return null
}
