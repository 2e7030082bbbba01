// Trace templates: how a teacher's response (thoughts kept apart, answer text) becomes a student's training target.

/** The named templates; any other string is a custom template with {thoughts} and {answer}. */
export const TRACE_TEMPLATES: Readonly<Record<string, string>> = {
  "thoughts-answer": "Thoughts:\n{thoughts}\nAnswer:\n{answer}",
  "think-answer": "<think>{thoughts}</think>\n\n<answer>{answer}</answer>"
}

/**
 * The training completion of a response. `free` (the paper's free CoT): separately returned thoughts, a blank line,
 * then the answer text, or the text alone. A named or custom template gets {thoughts} (the provider's separate
 * thoughts, empty when it returned none) and {answer} (the response text).
 */
export const renderTrace = (template: string, text: string, thoughts: string | undefined): string => {
  if (template === "free") return thoughts === undefined || thoughts === "" ? text : `${thoughts}\n\n${text}`
  const t = TRACE_TEMPLATES[template] ?? template
  return t.split("{thoughts}").join(thoughts ?? "").split("{answer}").join(text)
}
