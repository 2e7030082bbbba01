// A cheap pass over a spec's YAML tokens, before parsing: counts them and measures flow nesting, so hostile files stop early.
import { Lexer } from "yaml"
import type { LimitUsage } from "./limits.ts"

/** Where and why a file was refused before parsing. */
export interface ScanProblem {
  readonly offset: number
  readonly message: string
}

/** Lexer control tokens (document start, flow end, scalar marker) that stand for no source text. */
const CONTROL = new Set(["\u0002", "\u0018", "\u001f"])

/**
 * Lexes `text` and adds its tokens to `usage`; refuses the file when the shared token budget runs out or
 * `[` / `{` nest deeper than the depth cap (the YAML parser's time grows with both). Linear in the text.
 */
export const scanYaml = (text: string, usage: LimitUsage): ScanProblem | undefined => {
  const { tokens: maxTokens, depth: maxDepth } = usage.limits
  let offset = 0
  let depth = 0
  for (const token of new Lexer().lex(text)) {
    if (++usage.tokens > maxTokens) {
      return { offset, message: `the spec is too large: more than ${maxTokens} YAML tokens over it and its includes` }
    }
    if (token === "[" || token === "{") {
      if (++depth > maxDepth) return { offset, message: `lists and mappings nest deeper than ${maxDepth} levels` }
    } else if (token === "]" || token === "}") {
      depth = Math.max(0, depth - 1)
    }
    if (!CONTROL.has(token)) offset += token.length
  }
  return undefined
}
