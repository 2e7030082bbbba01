// Pulls the final answer out of a model's prediction, trying the configured extractors in order.
import { lastBoxed } from "./boxed.ts"

/** The ways an answer can be found in a prediction. */
export type ExtractorName = "boxed" | "final-answer" | "answer-tag" | "answer-is" | "whole" | "last-number"

/** Every extractor, in the default order of preference. */
export const extractorNames: ReadonlyArray<ExtractorName> =
  ["boxed", "final-answer", "answer-tag", "answer-is", "whole", "last-number"]

/** An extracted answer and the extractor that found it. */
export interface Extraction {
  readonly answer: string
  readonly method: ExtractorName
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

const boxed = (text: string): string | null => lastBoxed(text)

const finalAnswer = (text: string): string | null => {
  const m = lastMatch(text, /final\s+answer\s*(?:is)?\s*[:：]?[ \t]*([^\n]*)/gi)
  if (m === null) return null
  const line = m[1]!.trim() === "" ? (text.slice(m.index + m[0].length).trim().split("\n")[0] ?? "") : m[1]!
  return sentence(stripHope(line))
}

const answerTag = (text: string): string | null => {
  const m = lastMatch(text, /<answer>([\s\S]*?)<\/answer>/gi)
  return m === null ? null : m[1]!
}

const answerIs = (text: string): string | null => {
  const m = lastMatch(text, /answer\s*(?:is|:)\s*:?\s*([^\n]+)/gi)
  return m === null ? null : sentence(m[1]!)
}

/** A short one-line prediction that reads as a bare answer: text without digits, or at most one word. */
const whole = (text: string, maxChars: number): string | null => {
  const t = text.trim()
  if (t.includes("\n") || t.length > maxChars || /\\boxed|\\fbox/.test(t)) return null
  const words = t.match(/(?<![\\A-Za-z])[A-Za-z]{2,}/g)?.length ?? 0
  return !/\d/.test(t) || words <= 1 ? t : null
}

const numberPattern = /-?\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*\/\s*\d+)?%?|-?\.\d+%?/g

const lastNumber = (text: string): string | null => {
  const m = lastMatch(text, numberPattern)
  return m === null ? null : m[0]
}

const run = (name: ExtractorName, text: string, options: ExtractOptions): string | null => {
  switch (name) {
    case "boxed": return boxed(text)
    case "final-answer": return finalAnswer(text)
    case "answer-tag": return answerTag(text)
    case "answer-is": return answerIs(text)
    case "whole": return whole(text, options.wholeMaxChars ?? 40)
    case "last-number": return lastNumber(text)
  }
}

/** Removes wrappers around an extracted answer: math delimiters, markdown bold, a trailing full stop. */
export const cleanExtracted = (answer: string): string => {
  let s = answer.trim()
  for (let i = 0; i < 3; i++) {
    const before = s
    s = s.replace(/^\*\*(.*)\*\*$/s, "$1").trim()
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
    if (answer !== "") return { answer, method }
  }
  return null
}
