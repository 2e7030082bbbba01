// A hand-built resolved spec for planner tests: the grid size is set by the arguments.
import type { PlannableSpec, ResolvedPlugin } from "../../src/plan/input.ts"

const plugin = (kind: string, name: string, config: Record<string, unknown> = {}): ResolvedPlugin =>
  ({ kind, use: name, name, version: "1.0.0", config })

/** A spec with `teachers` teachers, one pure mix per teacher plus a 0.2/0.8 mix, `sizes` sizes, `evals` eval sets. */
export const gridSpec = (o: { teachers?: number; sizes?: number; evals?: number; methods?: string[]; seeds?: number[] } = {}): PlannableSpec => {
  const teachers = Array.from({ length: o.teachers ?? 2 }, (_, i) => `t${i}`)
  const evals = Array.from({ length: o.evals ?? 2 }, (_, i) => `e${i}`)
  const plugins: Record<string, ResolvedPlugin> = {
    "/data/train": plugin("dataset", "synthetic", { count: 100, steps: [2, 4], split: "train", seed: 0 }),
    "/judge": plugin("judge", "math"),
    "/students/trainer": plugin("trainer", "torch")
  }
  for (const e of evals) plugins[`/data/eval/${e}`] = plugin("dataset", "synthetic", { count: 50, split: "test", seed: 1 })
  for (const t of teachers) plugins[`/teachers/${t}`] = plugin("teacher", "synthetic-solver", { style: t })
  const mixes: Record<string, Record<string, number>> = Object.fromEntries(teachers.map((t) => [t, { [t]: 1 }]))
  if (teachers.length >= 2) mixes.mix = { [teachers[0]]: 0.2, [teachers[1]]: 0.8 }
  return {
    name: "grid", seed: 3,
    data: { train: {}, eval: Object.fromEntries(evals.map((e) => [e, {}])) },
    teachers: Object.fromEntries(teachers.map((t) => [t, { samples: 1, max_tokens: 512 }])),
    mixes,
    students: { family: "tiny", sizes: Array.from({ length: o.sizes ?? 3 }, (_, i) => `s${i}`) },
    train: { method: o.methods ?? "sft", epochs: 1, lr: 0.001, ...(o.seeds === undefined ? {} : { seeds: o.seeds }) },
    plugins
  }
}
