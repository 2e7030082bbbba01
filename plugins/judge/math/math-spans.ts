// Finds the math spans of a free-text answer: `$...$`, `$$...$$`, `\(...\)`, `\[...\]`, in order.

const delimiters: ReadonlyArray<readonly [string, string]> = [["$$", "$$"], ["\\[", "\\]"], ["\\(", "\\)"], ["$", "$"]]

/** True when a `$...$` pair holds prose (two prices in a sentence, "$5 and the rest for $"), not math. */
const functionWords = /(?<![A-Za-z\\])(?:and|or|the|for|of|to|in|on|with|each|per|is|was|but|so|then|from|at|more|less|left)(?![A-Za-z])/i
const isProse = (content: string): boolean => {
  const bare = content.replace(/\\[A-Za-z]+(?:\s*\{[^{}]*\})?/g, " ")
  return functionWords.test(bare) || (bare.match(/(?<![A-Za-z])[A-Za-z]{3,}(?![A-Za-z])/g)?.length ?? 0) >= 2
}

/** A math span's content and where it ends in the text. */
export interface MathSpan {
  readonly content: string
  readonly end: number
}

/** The math spans in `text`, in order of appearance (escaped `\$` is not a delimiter). */
export const mathSpans = (text: string): ReadonlyArray<MathSpan> => {
  const spans: Array<MathSpan> = []
  let i = 0
  while (i < text.length) {
    const at = delimiters.find(([open]) => text.startsWith(open, i) && !(open === "$" && text[i - 1] === "\\"))
    if (at === undefined) {
      i++
      continue
    }
    const [open, close] = at
    let j = text.indexOf(close, i + open.length)
    while (close === "$" && j > 0 && text[j - 1] === "\\") j = text.indexOf(close, j + 1)
    if (j < 0) {
      i += open.length
      continue
    }
    const content = text.slice(i + open.length, j).trim()
    if (content !== "" && !isProse(content)) spans.push({ content, end: j + close.length })
    i = j + close.length
  }
  return spans
}
