// Prompt templates must hold their placeholders: a teacher or training prompt without {problem} gives every problem the same text.
import type { Issue } from "./diagnostic.ts"
import { childPointer } from "./pointer.ts"
import type { Experiment } from "./types.gen.ts"

/** The placeholder every problem-level template needs. */
export const PROBLEM_PLACEHOLDER = "{problem}"

const missing = (pointer: string, what: string, consequence: string): Issue => ({
  pointer,
  expected: `a template containing ${PROBLEM_PLACEHOLDER}`,
  message: `${what} has no ${PROBLEM_PLACEHOLDER} placeholder: ${consequence}`
})

/** Teacher prompts and `train.prompt` that lack `{problem}` (absent ones get defaults that hold it). */
export const templateIssues = (spec: Experiment): ReadonlyArray<Issue> => {
  const issues: Array<Issue> = []
  for (const [name, teacher] of Object.entries(spec.teachers)) {
    if (teacher.prompt !== undefined && !teacher.prompt.includes(PROBLEM_PLACEHOLDER)) {
      issues.push(missing(childPointer(childPointer("/teachers", name), "prompt"), `the prompt of teacher '${name}'`,
        "every problem would get the same prompt, and so the same cached answer"))
    }
  }
  const trainPrompt = spec.train.prompt
  if (typeof trainPrompt === "string" && !trainPrompt.includes(PROBLEM_PLACEHOLDER)) {
    issues.push(missing("/train/prompt", "train.prompt", "students would be trained and evaluated without seeing the question"))
  }
  return issues
}
