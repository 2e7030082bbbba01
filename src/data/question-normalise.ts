// Normalising a question for leakage checks: layout, case, number formats, number words, leading instructions and names.

const LATEX_SPACING = /\\(?:[,;:! ]|quad\b|qquad\b|enspace\b|thinspace\b|medspace\b|thickspace\b|hspace\{[^}]*\}|left\b|right\b)/gu
const FRAC_VARIANTS = /\\[dt]frac\b/gu
const PUNCT_OR_SYMBOL = /[\p{P}\p{S}]+/gu
const LEADING_INSTRUCTION =
  /^\s*(?:(?:question|problem|q|task|exercise)\s*\d*\s*[:.)-]\s*|(?:please\s+)?(?:solve|calculate|compute|find|evaluate|simplify|determine|answer)(?:\s+(?:the\s+)?following(?:\s+(?:math|maths|word|arithmetic))?(?:\s+(?:problem|question|exercise))?)?\s*[:.-]\s*)/iu

/** Capitalised words that are ordinary English, not names, so they are never masked. */
const NOT_NAMES = new Set(("a an the if in on at of to for from by with and or but not no so as is are was were be been it its this that these " +
  "those there their they them he she his her him we us our you your i me my what which who whom whose when where why how each every all " +
  "some any many much more most few less least one two three four five six seven eight nine ten then than after before during while " +
  "suppose let given find compute calculate solve evaluate simplify determine show prove express write consider assume round use " +
  "answer question problem total together altogether also only just both either neither yes monday tuesday wednesday thursday friday " +
  "saturday sunday january february march april may june july august september october november december").split(" "))

const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19
}
const TENS: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 }
const SCALES: Readonly<Record<string, number>> = { hundred: 100, thousand: 1_000, million: 1_000_000 }
const NUMBER_WORD = new RegExp(`\\b(?:${[...Object.keys(UNITS), ...Object.keys(TENS), ...Object.keys(SCALES)].join("|")})(?:(?:[\\s-]+(?:and[\\s]+)?)(?:${[...Object.keys(UNITS), ...Object.keys(TENS), ...Object.keys(SCALES)].join("|")}))*\\b`, "giu")

/** The value of a run of English number words ("twenty-five", "one hundred and three"), or undefined. */
export const numberFromWords = (words: string): number | undefined => {
  let total = 0
  let current = 0
  let seen = false
  for (const w of words.toLowerCase().split(/[\s-]+/u).filter((x) => x !== "" && x !== "and")) {
    if (w in UNITS) current += UNITS[w]!
    else if (w in TENS) current += TENS[w]!
    else if (w in SCALES) {
      const scale = SCALES[w]!
      if (scale === 100) current = (current === 0 ? 1 : current) * 100
      else { total += (current === 0 ? 1 : current) * scale; current = 0 }
    } else return undefined
    seen = true
  }
  return seen ? total + current : undefined
}

/** Numbers written one way: thousands separators dropped, trailing decimal zeros removed (`1,300.50` -> `1300.5`, `13.0` -> `13`). */
export const canonicalNumbers = (text: string): string =>
  text
    .replace(/(?<=\d),(?=\d{3}\b)/gu, "")
    .replace(/\b(\d+)\.(\d*?)0+\b/gu, (_m, int: string, frac: string) => (frac === "" ? int : `${int}.${frac}`))

/** Capitalised words that are not ordinary English replaced by one placeholder, so swapping names changes nothing. */
export const maskNames = (text: string): string =>
  text.replace(/\b\p{Lu}\p{Ll}+(?:['\u2019]s\b)?/gu, (w) => (NOT_NAMES.has(w.toLowerCase().replace(/['\u2019]s$/u, "")) ? w : "NAME"))

/**
 * Normalises a question for comparison: Unicode NFKC; leading instructions ("Solve:", "Question 3.") removed; names
 * masked; number words read as digits; thousands separators and trailing decimal zeros dropped; lowercase; LaTeX
 * spacing, `\left`/`\right` and `\dfrac`/`\tfrac` variants unified; punctuation and symbols turned into spaces.
 */
export const normaliseText = (text: string): string => {
  let t = text.normalize("NFKC")
  for (let i = 0; i < 3; i++) t = t.replace(LEADING_INSTRUCTION, "")
  t = maskNames(t).replace(NUMBER_WORD, (m) => String(numberFromWords(m) ?? m))
  return canonicalNumbers(t)
    .toLowerCase()
    .replace(LATEX_SPACING, " ")
    .replace(FRAC_VARIANTS, "\\frac")
    .replace(/~/gu, " ")
    .replace(/(?<=\d)\.(?=\d)/gu, "\u0001")
    .replace(PUNCT_OR_SYMBOL, " ")
    .replace(/\u0001/gu, ".")
    .replace(/\s+/gu, " ")
    .trim()
}
