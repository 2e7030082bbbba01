// Pulls the final answer out of a model's prediction, trying the configured extractors in order.
import { allBoxed, lastBoxed } from "./boxed.ts"
import { mathSpans } from "./math-spans.ts"
import { cleanLatex } from "./normalize.ts"
import { parseNumber } from "./numbers.ts"

/** The ways an answer can be found in a prediction. */
export type ExtractorName =
  | "boxed" | "final-answer" | "answer-tag" | "gsm8k" | "answer-is" | "math-span" | "whole" | "last-number"

/** Every extractor, in the default order of preference. */
export const extractorNames: ReadonlyArray<ExtractorName> =
  ["boxed", "final-answer", "answer-tag", "gsm8k", "answer-is", "math-span", "whole", "last-number"]

/** An extracted answer and the extractor that found it; `boxes` lists every box when there were several. */
export interface Extraction {
  readonly answer: string
  readonly method: ExtractorName
  readonly boxes?: ReadonlyArray<string>
}

/** Options of the extraction stage. */
export interface ExtractOptions {
  readonly extractors?: ReadonlyArray<ExtractorName>
  /** `whole` only accepts a one-line prediction up to this many characters. */
  readonly wholeMaxChars?: number
}

const lastMatch = (text: string, re: RegExp): RegExpExecArray | null => {
  let last: RegExpExecArray | null = null
  for (const m of text.matchAll(re)) last = m
  return last
}

/** Cuts a free-text answer at the end of its sentence ("5. So we are done" -> "5"). */
const sentence = (text: string): string => {
  const t = text.trim()
  const m = /\.(?:\s|$)/.exec(t.replace(/\$[^$]*\$/g, (s) => "x".repeat(s.length)))
  return m === null ? t : t.slice(0, m.index)
}

const stripHope = (text: string): string =>
  text.replace(/\.?\s*I hope it is correct\.?\s*$/i, "").replace(/^\s*the\s+(?:final\s+)?answer\s+is\s*:?\s*/i, "")

const finalAnswer = (text: string): string | null => {
  const m = lastMatch(text, /final\s+answer\s*(?:is)?\s*[:：]?[ \t]*([^\n]*)/gi)
  if (m === null) return null
  const line = m[1]!.trim() === "" ? (text.slice(m.index + m[0].length).trim().split("\n")[0] ?? "") : m[1]!
  return sentence(stripHope(line))
}

const answerTag = (text: string): string | null => lastMatch(text, /<answer>([\s\S]*?)<\/answer>/gi)?.[1] ?? null

const gsm8k = (text: string): string | null => lastMatch(text, /^\s*####\s*([^\n]+)/gm)?.[1] ?? null

const answerIs = (text: string): string | null => {
  const m = lastMatch(text, /\b(?:answer|option|choice)\s*\**\s*(?:is|:)\s*\**\s*:?\s*\**\s*([^\n]+)/gi)
  if (m !== null) return sentence(m[1]!)
  // "I choose option D."
  return lastMatch(text, /\b(?:option|choice)\s+(\(?[A-Z]\)?)(?![A-Za-z])/g)?.[1] ?? null
}

/**
 * The last math span; a `$...$` in prose ("costs $5 and $10") is not one, and a span followed by a plain
 * number ("we know $x = 3$, so the total is 7"; not one in parentheses) gives way to that number.
 */
const mathSpan = (text: string): string | null => {
  const last = mathSpans(text).at(-1)
  if (last === undefined) return null
  const after = text.slice(last.end).replace(/\([^()]*\)/g, " ")
  return /\d/.test(after) ? null : last.content
}

const label = /^(?:so|thus|hence|therefore|then|total|answer|result|final|ans|sum)\b\s*[:,=]?\s*/i
const wordCount = (s: string): number => s.match(/(?<![\\A-Za-z])[A-Za-z]{2,}/g)?.length ?? 0
/** Words outside LaTeX commands and environment names (`\\begin{pmatrix}` has none); `and` / `or` join list members. */
const proseWords = (s: string): number =>
  wordCount(s.replace(/\\(?:begin|end)\s*\{[^}]*\}/g, " ").replace(/(?<![A-Za-z])(?:and|or)(?![A-Za-z])/g, " "))

/**
 * A short one-line prediction read as a bare answer: a leading `####`, `=` or label (`Total:`, `so`) is
 * dropped, so is everything up to a last `so` / `thus` / `hence` / `therefore`, an equation without words
 * gives its number (`9*2=18` -> `18`); what remains must be text without digits, math without words, or a
 * number with its unit (`18 eggs`).
 */
const whole = (text: string, maxChars: number): string | null => {
  let t = text.trim()
  if (t.includes("\n") || /\\boxed|\\fbox/.test(t)) return null
  // A bare LaTeX answer (a matrix, a long set) is whole at any length; prose only up to maxChars.
  if (t.length > maxChars && proseWords(t) > 0) return null
  t = t.replace(/^#+\s*/, "").replace(/\.+$/, "").trim()
  for (let i = 0; i < 3 && label.test(t); i++) t = t.replace(label, "").trim()
  // "3*2=6, so 18": what follows the last connective is the answer.
  const tail = lastMatch(t, /(?:^|[\s,;])(?:so|thus|hence|therefore)\s*[:,]?\s+/gi)
  if (tail !== null) t = t.slice(tail.index + tail[0].length).trim()
  t = t.replace(/^=\s*/, "")
  const parts = t.split(/(?<![<>!\\])=(?!=)/)
  if (parts.length > 1) {
    // Working that ends in a number (`9*2=18`, `16-3-4=9, 9*2=18`), not a list of assignments (`x = 1, y = 2`).
    const rhs = parts.at(-1)!.trim()
    const lastLhs = parts.at(-2)!.split(/[,;]/).at(-1)!
    const arithmetic = /\d/.test(lastLhs) && !/[A-Za-z]/.test(lastLhs.replace(/\\(?:times|cdot|div|frac)(?![A-Za-z])/g, ""))
    if (parseNumber(rhs) !== null && arithmetic && wordCount(parts.slice(0, -1).join("=")) === 0) t = rhs
  }
  if (t === "") return null
  return !/\d/.test(t) || proseWords(t) === 0 || parseNumber(cleanLatex(t)) !== null ? t : null
}

const numberPattern = /-?\$?(?:\d{1,3}(?:(?:,|\\,|\{,\}| )\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:\s*\/\s*\d+)?%?|-?\.\d+%?/g

/** The last number; a hedge ("either 3 or 4") keeps both numbers, so that it answers nothing. */
const lastNumber = (text: string): string | null => {
  const m = lastMatch(text, numberPattern)
  if (m === null) return null
  const hedge = /(-?\$?\d[\d.,]*%?)\s*,?\s+or\s+$/i.exec(text.slice(0, m.index))
  return hedge === null ? m[0] : `${hedge[1]} or ${m[0]}`
}

const run = (name: ExtractorName, text: string, options: ExtractOptions): string | null => {
  switch (name) {
    case "boxed": return lastBoxed(text)
    case "final-answer": return finalAnswer(text)
    case "answer-tag": return answerTag(text)
    case "gsm8k": return gsm8k(text)
    case "answer-is": return answerIs(text)
    case "math-span": return mathSpan(text)
    case "whole": return whole(text, options.wholeMaxChars ?? 40)
    case "last-number": return lastNumber(text)
  }
}

/** Removes wrappers around an extracted answer: math delimiters, markdown bold, a trailing full stop. */
export const cleanExtracted = (answer: string): string => {
  let s = answer.trim()
  for (let i = 0; i < 3; i++) {
    const before = s
    s = s.replace(/^\*\*(.*)\*\*$/s, "$1").replace(/^\*+\s*|\s*\*+$/g, "").trim()
    s = s.replace(/^\$\$?([\s\S]*?)\$?\$$/, "$1").trim()
    s = s.replace(/^\\\(([\s\S]*)\\\)$/, "$1").replace(/^\\\[([\s\S]*)\\\]$/, "$1").trim()
    s = s.replace(/[.,;:]+$/, "").trim()
    if (s === before) break
  }
  return s
}

/**
 * The final answer of a prediction: the first extractor in `options.extractors` (default: all, in
 * the order of `extractorNames`) that finds a non-empty answer wins. Null when none does.
 */
export const extractAnswer = (prediction: string, options: ExtractOptions = {}): Extraction | null => {
  for (const method of options.extractors ?? extractorNames) {
    const raw = run(method, prediction, options)
    if (raw === null) continue
    const answer = cleanExtracted(raw)
    if (answer === "") continue
    if (method !== "boxed") return { answer, method }
    const boxes = allBoxed(prediction).map(cleanExtracted).filter((b) => b !== "")
    return boxes.length > 1 ? { answer, method, boxes } : { answer, method }
  }
  return null
}
