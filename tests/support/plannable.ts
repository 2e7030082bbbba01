// A hand-built resolved spec for planner tests: the grid size is set by the arguments.
import type { PlannableSpec, ResolvedPlugin } from "../../src/plan/input.ts"
import type { PluginKind } from "../../src/plugins/define.ts"

type Method = "sft" | "lora" | "dpo" | "grpo"

const plugin = (kind: PluginKind, name: string, config: Record<string, unknown> = {}): ResolvedPlugin =>
  ({ kind, use: name, name, version: "1.0.0", description: name, capabilities: { deterministic: true, network: false, gpu: false }, config })

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
  const sizes = Array.from({ length: o.sizes ?? 3 }, (_, i) => `s${i}`) as [string, ...string[]]
  const methods = (o.methods ?? ["sft"]) as [Method, ...Method[]]
  return {
    name: "grid", seed: 3,
    data: { train: { use: "synthetic" }, eval: Object.fromEntries(evals.map((e) => [e, { use: "synthetic" }])) },
    teachers: Object.fromEntries(teachers.map((t) => [t, { use: "synthetic-solver", samples: 1, temperature: 0, max_tokens: 512, limits: { concurrency: 8, max_attempts: 5, timeout_ms: 1000 } }])),
    judge: { use: "math" },
    filter: { keep: "all" },
    mixing: { mode: "per-problem", by: "examples", problems: "intersection", template: "free" },
    mixes,
    students: { family: "tiny", sizes, trainer: { use: "torch", with: {} } },
    train: {
      method: methods, epochs: 1, lr: 0.001, batch_size: 16, warmup: 0.05, weight_decay: 0, max_len: 512,
      lora_rank: 8, lora_alpha: 16, checkpoint_every: 200, prompt: "{problem}\n", ...(o.seeds === undefined ? {} : { seeds: o.seeds as [number, ...number[]] })
    },
    evaluate: { max_new_tokens: 256, temperature: 0, batch_size: 32, base_students: true },
    report: { bootstrap: 1000 },
    leakage: { on_overlap: "warn" },
    plugins
  }
}
