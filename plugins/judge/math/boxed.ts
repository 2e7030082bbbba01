// Finds the last \boxed{...} (or \fbox{...}, \framebox{...}, `\boxed 5`) in a text, with brace matching.

const boxCommands = ["\\boxed", "\\fbox", "\\framebox"] as const

/** The content of the group that opens at `open` (a `{`), or null when its braces never close. */
export const braceGroup = (text: string, open: number): { readonly content: string; readonly end: number } | null => {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    const c = text[i]
    if (c === "\\" && i + 1 < text.length && (text[i + 1] === "{" || text[i + 1] === "}")) {
      i++
      continue
    }
    if (c === "{") depth++
    else if (c === "}") {
      depth--
      if (depth === 0) return { content: text.slice(open + 1, i), end: i + 1 }
    }
  }
  return null
}

const lastCommandIndex = (text: string): { readonly index: number; readonly command: string } | null => {
  let best: { index: number; command: string } | null = null
  for (const command of boxCommands) {
    let from = text.length
    while (from >= 0) {
      const i = text.lastIndexOf(command, from)
      if (i < 0) break
      const next = text[i + command.length]
      // `\boxed` must not be the prefix of a longer command name.
      if (next === undefined || !/[A-Za-z]/.test(next)) {
        if (best === null || i > best.index) best = { index: i, command }
        break
      }
      from = i - 1
    }
  }
  return best
}

/** The contents of every box in `text`, in order (unclosed boxes are skipped). */
export const allBoxed = (text: string): ReadonlyArray<string> => {
  const found: Array<string> = []
  let rest = text
  for (let guard = 0; guard < 100; guard++) {
    const hit = lastCommandIndex(rest)
    if (hit === null) break
    const content = lastBoxed(rest)
    if (content !== null) found.unshift(content)
    rest = rest.slice(0, hit.index)
  }
  return found
}

/**
 * The content of the last box in `text`: `\boxed{...}` with nested braces, the space form `\boxed 5`
 * (cut at the next `$`), `\fbox{...}` or `\framebox{...}`. Null when there is none or its braces never close.
 */
export const lastBoxed = (text: string): string | null => {
  const hit = lastCommandIndex(text)
  if (hit === null) return null
  let i = hit.index + hit.command.length
  if (text[i] === " ") {
    const rest = text.slice(i + 1)
    const stop = rest.search(/[$\n]/)
    const content = (stop < 0 ? rest : rest.slice(0, stop)).trim()
    if (!content.startsWith("{")) return content
    i = i + 1 + rest.indexOf("{")
  }
  while (text[i] === " ") i++
  if (text[i] !== "{") return null
  return braceGroup(text, i)?.content ?? null
}
