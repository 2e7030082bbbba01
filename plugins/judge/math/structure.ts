// Splits a cleaned answer into its shape: a single value, a tuple or interval, a set / list of answers, or a union.
import { parseNumber } from "./numbers.ts"

/** The shape of an answer. `seq` covers tuples, intervals and matrices; `set` is unordered. */
export type Shape =
  | { readonly kind: "scalar"; readonly text: string }
  | { readonly kind: "seq"; readonly open: string; readonly close: string; readonly items: ReadonlyArray<Shape> }
  | { readonly kind: "set"; readonly bare: boolean; readonly items: ReadonlyArray<Shape> }
  | { readonly kind: "union"; readonly parts: ReadonlyArray<Shape> }

const openers = new Set(["(", "[", "{"])
const closers = new Set([")", "]", "}"])

/** Splits at top-level occurrences of `sep` (outside brackets and braces). */
export const splitTop = (s: string, sep: RegExp): ReadonlyArray<string> => {
  const parts: Array<string> = []
  let depth = 0
  let start = 0
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (c === "\\" && (s[i + 1] === "{" || s[i + 1] === "}")) {
      depth += s[i + 1] === "{" ? 1 : -1
      i++
      continue
    }
    if (openers.has(c)) depth++
    else if (closers.has(c)) depth--
    else if (depth === 0) {
      const m = sep.exec(s.slice(i))
      if (m !== null && m.index === 0) {
        parts.push(s.slice(start, i))
        i += m[0].length - 1
        start = i + 1
      }
    }
  }
  parts.push(s.slice(start))
  return parts.map((p) => p.trim())
}

/** Index of the bracket closing the one at `open` (any closer), or -1. */
const closingIndex = (s: string, open: number): number => {
  let depth = 0
  for (let i = open; i < s.length; i++) {
    const c = s[i]!
    if (c === "\\" && (s[i + 1] === "{" || s[i + 1] === "}")) {
      depth += s[i + 1] === "{" ? 1 : -1
      i++
      if (depth === 0) return i - 1
      continue
    }
    if (openers.has(c)) depth++
    else if (closers.has(c)) {
      depth--
      if (depth === 0) return i
    }
  }
  return -1
}

/** Members of bare lists inside a list (from `a \pm b`) become members of the list itself. */
const flatten = (items: ReadonlyArray<Shape>): ReadonlyArray<Shape> =>
  items.flatMap((i) => (i.kind === "set" && i.bare ? i.items : [i]))
const listSeparator = /^(?:,|;|\\text\{\s*(?:and|or)\s*\}|\s+(?:and|or)\s+)/

const matrix = (s: string): Shape | null => {
  const m = /^\\begin\{([pbvB]?matrix|array)\}(?:\{[^}]*\})?([\s\S]*)\\end\{\1\}$/.exec(s)
  if (m === null) return null
  const rows = m[2]!.split(/\\\\/).map((r) => r.trim()).filter((r) => r !== "")
  const cells = rows.map((r) => r.split("&").map((c) => c.trim()))
  if (cells.every((r) => r.length === 1)) {
    return { kind: "seq", open: "(", close: ")", items: cells.map((r) => parseShape(r[0]!)) }
  }
  return { kind: "seq", open: "[", close: "]", items: cells.map((r) => ({ kind: "seq", open: "[", close: "]", items: r.map(parseShape) })) }
}

/** Expands `a \pm b` into the two values `a+b` and `a-b`, and `\pm b` into `b` and `-b`. */
const plusMinus = (s: string): Shape | null => {
  const parts = splitTop(s, /^\\pm(?![A-Za-z])/)
  if (parts.length !== 2) return null
  const [a, b] = parts as [string, string]
  if (a === "") return b === "" ? null : { kind: "set", bare: true, items: [{ kind: "scalar", text: b }, { kind: "scalar", text: `-(${b})` }] }
  return { kind: "set", bare: true, items: [{ kind: "scalar", text: `${a}+${b}` }, { kind: "scalar", text: `${a}-(${b})` }] }
}

/** The shape of a cleaned answer string. */
export const parseShape = (input: string): Shape => {
  const s = input.trim()
  const union = splitTop(s, /^\\cup(?![A-Za-z])/)
  if (union.length > 1) return { kind: "union", parts: union.map(parseShape) }
  const mat = matrix(s)
  if (mat !== null) return mat
  if (parseNumber(s) === null) {
    const items = splitTop(s, listSeparator)
    if (items.length > 1 && items.every((i) => i !== "")) return { kind: "set", bare: true, items: flatten(items.map(parseShape)) }
  }
  if (s.startsWith("\\{") && closingIndex(s, 0) === s.length - 2 && s.endsWith("\\}")) {
    const inner = s.slice(2, -2)
    return { kind: "set", bare: false, items: flatten(splitTop(inner, /^,/).filter((i) => i !== "").map(parseShape)) }
  }
  const first = s[0]
  if ((first === "(" || first === "[") && closingIndex(s, 0) === s.length - 1) {
    const inner = s.slice(1, -1)
    const items = splitTop(inner, /^,/)
    if (items.length > 1) return { kind: "seq", open: first, close: s[s.length - 1]!, items: items.map(parseShape) }
    if (first === "(" && items.length === 1 && items[0] !== "") return parseShape(items[0]!)
  }
  return plusMinus(s) ?? { kind: "scalar", text: s }
}

/** True when the string's group braces balance (brackets may not: `(3,4]` is an interval; escaped `\\{` is not a group). */
export const bracesBalanced = (s: string): boolean => {
  let depth = 0
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    // `\{` and `\}` are set braces (`\left\{ ... \right.` opens one that never closes).
    if (c === "\\" && (s[i + 1] === "{" || s[i + 1] === "}")) i++
    else if (c === "{") depth++
    else if (c === "}") depth--
    if (depth < 0) return false
  }
  return depth === 0
}
