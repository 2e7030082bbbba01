// Cleans an answer string: LaTeX wrappers, units, degrees, spacing, fraction shorthands (after Hendrycks' strip_string).
import { braceGroup } from "./boxed.ts"

const textCommands = ["text", "textbf", "textit", "textrm", "textnormal", "mbox", "mathrm", "mathbf", "mathit", "boldsymbol", "bm"]

/** Replaces every `\cmd{X}` of the given commands by `X`. */
const unwrapCommands = (s: string, commands: ReadonlyArray<string>): string => {
  let out = s
  for (const cmd of commands) {
    const re = new RegExp(`\\\\${cmd}(?![A-Za-z])\\s*\\{`)
    for (let guard = 0; guard < 50; guard++) {
      const m = re.exec(out)
      if (m === null) break
      const group = braceGroup(out, m.index + m[0].length - 1)
      if (group === null) break
      out = out.slice(0, m.index) + group.content + out.slice(group.end)
    }
  }
  return out
}

/** The text of a unit: letters, maybe with `/`, powers and dots (`cm`, `km/h`, `m/s^2`, `sq. ft`). */
const unitWord = String.raw`[A-Za-z]+\.?(?:\^\{?-?\d\}?)?`
const unitText = new RegExp(String.raw`^[\s~]*${unitWord}(?:(?:[\s~]+|[\s~]*\/[\s~]*)${unitWord})*[\s~]*$`)

/** Drops a trailing `\text{ cm}^2`-style unit that follows a value ("5.4 \text{ cents}" -> "5.4"). */
const stripTextUnit = (s: string): string => {
  const re = /\\(?:text|mbox|mathrm|textrm)\s*\{/g
  let last: RegExpExecArray | null = null
  for (const m of s.matchAll(re)) last = m
  if (last === null) return s
  const group = braceGroup(s, last.index + last[0].length - 1)
  if (group === null) return s
  const before = s.slice(0, last.index).trim()
  const after = s.slice(group.end)
  if (!/^\s*(?:\^\s*\{?\d\}?)?\s*$/.test(after)) return s
  if (!/[\d}]$/.test(before) || !unitText.test(group.content)) return s
  return before
}

const unicodeSymbols: ReadonlyArray<readonly [RegExp, string]> = [
  [/[−–‒]/g, "-"], [/×/g, "\\times "], [/÷/g, "\\div "], [/·|⋅/g, "\\cdot "], [/π/g, "\\pi "], [/∞/g, "\\infty "],
  [/√\s*\(([^()]*)\)/g, "\\sqrt{$1}"], [/√\s*(\d+|[A-Za-z])/g, "\\sqrt{$1}"], [/²/g, "^2"], [/³/g, "^3"], [/∪/g, "\\cup "], [/∩/g, "\\cap "],
  [/±/g, "\\pm "], [/θ/g, "\\theta "], [/α/g, "\\alpha "], [/β/g, "\\beta "], [/\u00a0|\u2009|\u202f/g, " "]
]

/** Unicode math (`−5`, `2×3`, `√2`, `π`, `x²`, non-breaking and thin spaces) in LaTeX. */
const unicodeMath = (s: string): string => unicodeSymbols.reduce((acc, [re, to]) => acc.replace(re, to), s)

/** Rewrites `\frac12`, `\frac 59`, `\frac{a}b` as `\frac{1}{2}`, `\frac{5}{9}`, `\frac{a}{b}`. */
export const fixFracs = (s: string): string => {
  let out = ""
  let i = 0
  while (i < s.length) {
    const j = s.indexOf("\\frac", i)
    if (j < 0 || /[A-Za-z]/.test(s[j + 5] ?? "")) {
      if (j < 0) { out += s.slice(i); break }
      out += s.slice(i, j + 5)
      i = j + 5
      continue
    }
    out += s.slice(i, j) + "\\frac"
    let k = j + 5
    for (let arg = 0; arg < 2; arg++) {
      while (s[k] === " ") k++
      if (k >= s.length) break
      if (s[k] === "{") {
        const g = braceGroup(s, k)
        if (g === null) { out += s.slice(k); k = s.length; break }
        out += `{${g.content}}`
        k = g.end
      } else if (s[k] === "\\") {
        const m = /^\\[A-Za-z]+/.exec(s.slice(k))
        const cmd = m === null ? s.slice(k, k + 2) : m[0]
        out += `{${cmd}}`
        k += cmd.length
      } else {
        out += `{${s[k]}}`
        k++
      }
    }
    i = k
  }
  return out
}

/**
 * A cleaned answer that keeps its meaning and its spaces (collapsed): no `$`, `\left`/`\right`,
 * `\dfrac`/`\tfrac`, degree marks, thin spaces, trailing text units or trailing full stop;
 * `\%` becomes `%`, `\text{X}` becomes `X`, `\sqrt3` becomes `\sqrt{3}`, `.5` becomes `0.5`.
 */
export const cleanLatex = (input: string): string => {
  let s = unicodeMath(input.replace(/\r?\n/g, " ")).trim()
  s = s.replace(/\\\$/g, "").replace(/\$/g, "")
  s = s.replace(/\\displaystyle/g, "").replace(/\\[dt]frac(?![A-Za-z])/g, "\\frac")
  s = s.replace(/\\left\s*\./g, "").replace(/\\right\s*\./g, "")
  s = s.replace(/\\(?:left|right)(?![A-Za-z])\s*/g, "").replace(/\\[Bb]igg?[lr]?(?![A-Za-z])\s*/g, "")
  s = s.replace(/,\\!\s*/g, ",").replace(/\\!/g, "").replace(/(?<!\\)\\[,;:>]|\\q?quad(?![A-Za-z])|~|(?<!\\)\\ /g, " ")
  s = s.replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ(?![A-Za-z])|°|\\degree(?![A-Za-z])/g, "")
  s = s.replace(/\\mathbb\s*\{?\s*R\s*\}?|ℝ/g, "(-\\infty,\\infty)").replace(/\\varnothing|∅|^\\\{\s*\\\}$/g, "\\emptyset")
  s = s.replace(/\\%/g, "%").replace(/\s*\\(?:text|mbox|mathrm)\s*\{\s*percent\s*\}\s*$/, "%").replace(/\s+percent$/i, "%")
  s = s.replace(/≥|>=|\\geqq(?![A-Za-z])/g, "\\geq ").replace(/≤|<=|\\leqq(?![A-Za-z])/g, "\\leq ")
  s = s.replace(/≠|!=|\\not\s*=/g, "\\neq ").replace(/\\gt(?![A-Za-z])/g, ">").replace(/\\lt(?![A-Za-z])/g, "<")
  s = s.replace(/\\geqslant|\\ge(?![A-Za-z])/g, "\\geq").replace(/\\leqslant|\\le(?![A-Za-z])/g, "\\leq")
  s = s.replace(/\\ne(?![A-Za-z])/g, "\\neq")
  s = stripTextUnit(stripTextUnit(s))
  s = unwrapCommands(s, textCommands)
  s = s.replace(/\\sqrt\s*([0-9A-Za-z])/g, "\\sqrt{$1}")
  s = fixFracs(s)
  s = s.replace(/(^|[^\d])\.(\d)/g, "$10.$2")
  s = s.replace(/\s+!/g, "!")
  s = s.replace(/\s+/g, " ").trim()
  s = s.replace(/\s*\.+$/, "").trim()
  s = s.replace(/^[A-Za-z]\s*\\in(?![A-Za-z])\s*/, "")
  return s
}

/** Drops a simple left-hand side: `x = 5` -> `5`, `AB = 4` -> `4`, `x_1 = 2` -> `2`, `f(x) = x+1` -> `x+1`, `\theta = 2` -> `2`. */
export const stripLhs = (s: string): string => {
  const m = /^\s*((?:\\(?:overline|angle|measuredangle)\s*\{?\s*)?(?:[A-Za-z]{1,3}|\\[A-Za-z]+)\}?(?:_\{?\w+\}?)?(?:\s*\([^()=]*\))?)\s*=\s*([^=]+)$/.exec(s)
  return m === null || /^\\(?:frac|sqrt|pi)$/.test(m[1]!) ? s : m[2]!.trim()
}

/** The cleaned string without spaces and braces around single characters, for string equality. */
export const compact = (s: string): string =>
  s.replace(/\s+/g, "").replace(/([_^])\{(\w)\}/g, "$1$2")

/** A key for comparing text answers: lower case, punctuation dropped, spaces collapsed. */
export const textKey = (s: string): string =>
  s.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, " ").replace(/\s+/g, " ").trim()
