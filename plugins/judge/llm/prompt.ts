// The LLM judge's prompt: the paper's True/False template and placeholder filling.
import type { JudgeInput } from "../../../src/plugins/index.ts"

/**
 * The True/False judging prompt of "Small Models Struggle to Learn from Strong Reasoners"
 * (lm-evaluation-harness/math_metric_llm_eval_general.py), with `{question}`, `{ref}` and `{pred}` slots.
 */
export const defaultJudgePrompt =
  "Given a math problem, its correct answer, and the model's generated answer, determine if the model's generated answer is correct. " +
  "Respond with 'True' if the answer is correct and 'False' if it is incorrect. " +
  "Directly provide your judgement 'True' or 'False' without any other description.\n" +
  "Problem: {question}\nCorrect Answer: {ref}\nModel's Generated Answer: {pred}\nYour judgement:"

/**
 * Fills `{question}`, `{ref}`, `{pred}` and `{choices}` in one pass (values are never re-scanned,
 * so a prediction containing "{ref}" stays as written). Other braces are left alone.
 */
export const renderPrompt = (template: string, input: JudgeInput): string => {
  const values: Readonly<Record<string, string>> = {
    question: input.question ?? "",
    ref: input.ref,
    pred: input.pred,
    choices: (input.choices ?? []).map((c, i) => `(${String.fromCharCode(65 + i)}) ${c}`).join("\n")
  }
  return template.replace(/\{(question|ref|pred|choices)\}/g, (_, key: string) => values[key]!)
}
