// Renders a structured synthetic problem as a short English word problem.
import type { Operation, SyntheticProblem } from "./problem.ts"

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

const variant = <A>(items: ReadonlyArray<A>, problem: SyntheticProblem, step: number): A =>
  items[(problem.template + step) % items.length] as A

const sentence = (problem: SyntheticProblem, op: Operation, step: number): string => {
  const p = cap(problem.pronoun)
  const { container, name } = problem
  switch (op.op) {
    case "add": return variant([`${p} finds ${op.n} more.`, `${p} gets ${op.n} more.`, `${p} buys ${op.n} more.`], problem, step)
    case "sub": return variant([`${p} gives away ${op.n}.`, `${p} loses ${op.n}.`, `${p} sells ${op.n}.`], problem, step)
    case "addGroups": return `${p} buys ${op.groups} ${container} of ${op.each}.`
    case "mul": return `${name}'s pile ${op.factor === 2 ? "doubles" : op.factor === 3 ? "triples" : `grows ${op.factor} times`}.`
    case "div": return `${p} keeps 1/${op.parts} of them.`
  }
}

/** The question text: start sentence, one sentence per step, then the question. */
export const renderQuestion = (problem: SyntheticProblem): string =>
  [
    `${problem.name} has ${problem.start} ${problem.item}.`,
    ...problem.ops.map((op, i) => sentence(problem, op, i)),
    `How many ${problem.item} does ${problem.name} have now?`
  ].join(" ")

/** A short description of one step, used by traces ("buys 3 packs of 4"). */
export const describeStep = (problem: SyntheticProblem, op: Operation): string => {
  switch (op.op) {
    case "add": return `${op.n} more`
    case "sub": return `${op.n} fewer`
    case "addGroups": return `${op.groups} ${problem.container} of ${op.each}, so ${op.groups}*${op.each} more`
    case "mul": return `the pile grows ${op.factor} times`
    case "div": return `keeps 1/${op.parts} of them`
  }
}
