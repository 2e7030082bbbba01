// Reads plain numbers: integers, decimals, thousands separators, fractions, mixed numbers, percents and number words.

/** A number read from an answer; `percent` says it was written with a percent sign. */
export interface NumberValue {
  readonly value: number
  readonly percent: boolean
}

const small: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90
}
const scales: Readonly<Record<string, number>> = { thousand: 1e3, million: 1e6, billion: 1e9 }

/** "seven" -> 7, "twenty-one" -> 21, "one hundred and five" -> 105; null for anything else. */
export const parseNumberWords = (text: string): number | null => {
  const words = text.toLowerCase().trim().split(/[\s-]+/).filter((w) => w !== "and")
  if (words.length === 0 || words[0] === "") return null
  let total = 0
  let current = 0
  for (const w of words) {
    const n = small[w]
    if (n !== undefined) current += n
    else if (w === "hundred") current = (current === 0 ? 1 : current) * 100
    else if (scales[w] !== undefined) {
      total += (current === 0 ? 1 : current) * scales[w]!
      current = 0
    } else return null
  }
  return total + current
}

const decimal = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i
const thousands = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/
const slashFraction = /^([+-]?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/
const texFraction = /^([+-])?\s*\\frac\{\s*([+-]?\d+(?:\.\d+)?)\s*\}\{\s*(\d+(?:\.\d+)?)\s*\}$/
const mixed = /^([+-])?\s*(\d+)\s*\\frac\{\s*(\d+)\s*\}\{\s*(\d+)\s*\}$/
const unitWords = /^(.*?[\d}])((?:\s+[A-Za-z]{2,}\.?(?:\^\d)?)+)\s*$/
const notUnits = new Set(["pi", "sqrt", "and", "or", "to", "times", "cdot"])

/** The number a whole cleaned answer denotes, or null when it is not a plain number. */
export const parseNumber = (input: string): NumberValue | null => {
  let s = input.trim().replace(/\{,\}/g, ",")
  const percent = /%$/.test(s)
  if (percent) s = s.slice(0, -1).trim()
  const words = parseNumberWords(s)
  if (words !== null) return { value: words, percent }
  const unit = unitWords.exec(s)
  if (unit !== null && unit[2]!.trim().split(/\s+/).every((w) => !notUnits.has(w.toLowerCase().replace(/\W.*$/, "")))) {
    s = unit[1]!.trim()
  }
  s = s.replace(/^([+-]?)\s+/, "$1")
  if (thousands.test(s)) s = s.replace(/,/g, "")
  if (decimal.test(s)) return { value: Number(s), percent }
  const slash = slashFraction.exec(s)
  if (slash !== null) return { value: Number(slash[1]) / Number(slash[2]), percent }
  const frac = texFraction.exec(s)
  if (frac !== null) return { value: (frac[1] === "-" ? -1 : 1) * Number(frac[2]) / Number(frac[3]), percent }
  const mix = mixed.exec(s)
  if (mix !== null) {
    return { value: (mix[1] === "-" ? -1 : 1) * (Number(mix[2]) + Number(mix[3]) / Number(mix[4])), percent }
  }
  return null
}

/** True when two numbers agree within a relative tolerance (exactly, for zero). */
export const closeTo = (a: number, b: number, relTol: number): boolean => {
  if (a === b) return true
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false
  return Math.abs(a - b) <= relTol * Math.max(Math.abs(a), Math.abs(b)) + 1e-12
}

/**
 * Whether two read numbers are equal. A percent sign on exactly one side accepts both readings
 * (`50%` equals `50` and `0.5`); on both sides or neither, the values must agree as written.
 */
export const numbersEqual = (a: NumberValue, b: NumberValue, relTol: number): boolean => {
  if (closeTo(a.value, b.value, relTol)) return true
  if (a.percent === b.percent) return false
  return a.percent ? closeTo(a.value / 100, b.value, relTol) : closeTo(a.value, b.value / 100, relTol)
}
