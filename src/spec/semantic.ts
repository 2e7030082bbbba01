// Cross-reference checks a schema cannot express: names used in mixes, gaps, train.base and expected cells must exist.
import { closest } from "../plugins/suggest.ts"
import type { Issue } from "./diagnostic.ts"
import { childPointer } from "./pointer.ts"
import { serveIssues } from "./serve-check.ts"
import { stageIssues } from "./stage-check.ts"
import { templateIssues } from "./template-check.ts"
import type { Experiment } from "./types.gen.ts"

/** The reserved eval name that means the average over eval sets in `expected`. */
export const AVERAGE_EVAL = "avg"

const unknownName = (pointer: string, what: string, name: string, known: ReadonlyArray<string>, atKey = false): Issue => {
  const suggestion = closest(name, known)
  return {
    pointer, atKey, expected: `one of: ${known.join(", ")}`,
    message: `unknown ${what} '${name}' (known: ${known.join(", ") || "none"})`,
    ...(suggestion === undefined ? {} : { suggestion })
  }
}

const mixIssues = (spec: Experiment): Array<Issue> => {
  const teachers = Object.keys(spec.teachers)
  const issues: Array<Issue> = []
  for (const [mix, weights] of Object.entries(spec.mixes)) {
    const pointer = childPointer("/mixes", mix)
    for (const teacher of Object.keys(weights)) {
      if (!teachers.includes(teacher)) issues.push(unknownName(childPointer(pointer, teacher), "teacher", teacher, teachers, true))
    }
    if (Object.values(weights).every((w) => w === 0)) {
      issues.push({ pointer, message: `mix '${mix}' has only zero weights; at least one teacher needs a positive weight` })
    }
  }
  return issues
}

const reportIssues = (spec: Experiment, mixes: ReadonlyArray<string>): Array<Issue> => {
  const issues: Array<Issue> = []
  const labels = new Map<string, number>()
  for (const [i, gap] of (spec.report.gaps ?? []).entries()) {
    const pointer = childPointer("/report/gaps", i)
    for (const side of ["minuend", "subtrahend"] as const) {
      if (!mixes.includes(gap[side])) issues.push(unknownName(childPointer(pointer, side), "mix", gap[side], mixes))
    }
    if (gap.minuend === gap.subtrahend) issues.push({ pointer, message: `gap subtracts mix '${gap.minuend}' from itself` })
    const label = gap.name ?? `${gap.minuend} - ${gap.subtrahend}`
    const first = labels.get(label)
    if (first !== undefined) issues.push({ pointer, message: `gap row '${label}' repeats /report/gaps/${first}` })
    else labels.set(label, i)
  }
  return issues
}

const expectedIssues = (spec: Experiment, mixes: ReadonlyArray<string>): Array<Issue> => {
  const issues: Array<Issue> = []
  const sizes: ReadonlyArray<string> = spec.students.sizes
  const evals = [...Object.keys(spec.data.eval), AVERAGE_EVAL]
  const cells = new Map<string, number>()
  const methods = Array.isArray(spec.train.method) ? spec.train.method : [spec.train.method]
  const stages = (spec.train.stages ?? []).map((st) => st.name)
  const labels = [...mixes, ...mixes.flatMap((m) => [...methods, ...stages].map((x) => `${m}/${x}`))]
  const gaps = [
    ...(spec.report?.gaps ?? []).map((g) => g.name ?? `${g.minuend} - ${g.subtrahend}`),
    ...(spec.train.stages ?? []).flatMap((st) => mixes.map((m) => `${m}: ${st.name} - ${st.from}`))
  ]
  for (const [i, cell] of (spec.expected ?? []).entries()) {
    const pointer = childPointer("/expected", i)
    if (!sizes.includes(cell.size)) issues.push(unknownName(childPointer(pointer, "size"), "student size", cell.size, sizes))
    if (cell.mix !== undefined && !labels.includes(cell.mix)) issues.push(unknownName(childPointer(pointer, "mix"), "mix", cell.mix, labels))
    if (cell.gap !== undefined && !gaps.includes(cell.gap)) issues.push(unknownName(childPointer(pointer, "gap"), "gap row", cell.gap, gaps))
    if (!evals.includes(cell.eval)) issues.push(unknownName(childPointer(pointer, "eval"), "eval set", cell.eval, evals))
    const what = cell.mix ?? `gap ${cell.gap}`
    const key = JSON.stringify([cell.size, what, cell.eval])
    const first = cells.get(key)
    if (first !== undefined) issues.push({ pointer, message: `cell (${cell.size}, ${what}, ${cell.eval}) repeats /expected/${first}` })
    else cells.set(key, i)
  }
  return issues
}

/** Every cross-reference problem of a schema-valid spec. */
export const semanticIssues = (spec: Experiment): ReadonlyArray<Issue> => {
  const mixes = Object.keys(spec.mixes)
  const issues = [...mixIssues(spec), ...reportIssues(spec, mixes), ...expectedIssues(spec, mixes), ...templateIssues(spec), ...stageIssues(spec), ...serveIssues(spec)]
  if (spec.train.base !== undefined && !mixes.includes(spec.train.base)) {
    issues.push(unknownName("/train/base", "mix", spec.train.base, mixes))
  }
  const sizes: ReadonlyArray<string> = spec.students.sizes
  for (const size of Object.keys(spec.students.size_config ?? {})) {
    if (!sizes.includes(size)) issues.push(unknownName(childPointer("/students/size_config", size), "student size", size, sizes, true))
  }
  if (AVERAGE_EVAL in spec.data.eval) {
    issues.push({ pointer: childPointer("/data/eval", AVERAGE_EVAL), atKey: true, message: `'${AVERAGE_EVAL}' is reserved for the average over eval sets; rename this eval set` })
  }
  return issues
}
