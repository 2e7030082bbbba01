// Plan-time estimates: row counts, teacher calls, tokens and cost, before anything runs.
import type { Estimate } from "./node.ts"
import type { PlanFacts, ResolvedPlugin, TeacherEntry } from "./input.ts"

const CHARS_PER_TOKEN = 4

/** Rows a dataset will yield: measured when known, else its `count`/`limit` config. */
export const estimateRows = (pointer: string, plugin: ResolvedPlugin, facts: PlanFacts): number | undefined => {
  const known = facts.datasets?.[pointer]
  if (known !== undefined) return known.rows
  const c = plugin.config
  const n = typeof c.count === "number" ? c.count : typeof c.limit === "number" ? c.limit : undefined
  return n
}

/** Teacher calls, tokens and cost for generating over `rows` problems; an offline teacher without a price costs nothing. */
export const estimateGenerate = (
  teacherName: string, teacher: TeacherEntry, prompt: string, rows: number | undefined,
  meanQuestionChars: number | undefined, facts: PlanFacts, offline = false
): Estimate => {
  if (rows === undefined) return {}
  const samples = teacher.samples ?? 1
  const calls = rows * samples
  const promptTokens = Math.ceil((prompt.length + (meanQuestionChars ?? 200)) / CHARS_PER_TOKEN)
  const outPer = facts.outputTokens?.[teacherName] ?? teacher.expected_output_tokens ?? Math.min(teacher.max_tokens ?? 4096, 1024)
  const inputTokens = calls * promptTokens
  const outputTokens = calls * outPer
  const price = teacher.price
  const costUsd = price === undefined ? (offline ? 0 : undefined)
    : (inputTokens * price.input_per_m + outputTokens * price.output_per_m) / 1e6
  return { calls, inputTokens, outputTokens, ...(costUsd === undefined ? {} : { costUsd }), samples: calls }
}
