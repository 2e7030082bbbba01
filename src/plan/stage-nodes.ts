// Planning of training stages after the first: each trains from its parent stage's student (dpo, grpo, further sft).
import type { GpuThroughput } from "../plugins/trainer.ts"
import { estimateDecodeCompute, estimateStageCompute, type StageWork } from "./estimate.ts"
import type { PlannableSpec, ResolvedPlugin } from "./input.ts"
import type { StudentLabels } from "./params.ts"
import { nodeCollector, pluginIdentity } from "./draft.ts"
import { omitFields, resourceFieldsOf } from "./field-roles.ts"

type Collector = ReturnType<typeof nodeCollector>
type Stage = NonNullable<PlannableSpec["train"]["stages"]>[number]

/** One grid cell whose first stage is planned. */
export interface StageCell {
  readonly mix: string
  readonly size: string
  readonly seed: number
  readonly baseMethod: string
  readonly baseTrainId: string
  /** What the cell's estimates start from. */
  readonly work: StageWork
}

/** What every stage of a cell shares. */
export interface StageContext {
  readonly trainer: ResolvedPlugin
  readonly hyper: Readonly<Record<string, unknown>>
  readonly prompt: string
  readonly content: unknown
  readonly maxNewTokens: number
  /** The trainer's GPU throughput, for GPU-hour estimates. */
  readonly gpu?: GpuThroughput | undefined
}

/** A stage's hyper-parameters: the first stage's, with the stage's own epochs, lr, batch size and method settings. */
export const stageHyper = (stage: Stage, base: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const { max_steps: _steps, ...rest } = base
  const common = {
    ...rest, epochs: stage.epochs ?? 1, lr: stage.lr ?? (typeof base.lr === "number" ? base.lr / 10 : 1e-4),
    ...(stage.batch_size === undefined ? {} : { batch_size: stage.batch_size }),
    ...(stage.max_steps === undefined ? {} : { max_steps: stage.max_steps })
  }
  if (stage.method === "dpo") return { ...common, beta: stage.beta ?? 0.1, loss: stage.loss ?? "sigmoid" }
  if (stage.method === "grpo") {
    return { ...common, group_size: stage.group_size ?? 4, kl_beta: stage.kl_beta ?? 0.04,
      max_completion_tokens: stage.max_completion_tokens ?? 128, temperature: stage.temperature ?? 1, rewards: stage.rewards ?? [] }
  }
  return common
}

/**
 * DPO pairs per problem, at most: each sampled answer of the parent when all are judged wrong (`rejected: student`),
 * or every trace of the mix's teachers but one correct (`rejected: teacher`).
 */
const pairsPerProblem = (spec: PlannableSpec, mix: string, stage: Stage, rejected: string): number => {
  if (rejected === "student") return stage.samples ?? 4
  const traces = Object.keys(spec.mixes[mix] ?? {}).reduce((a, t) => a + (spec.teachers[t]?.samples ?? 1), 0)
  return Math.max(1, traces - 1)
}

/**
 * Adds every stage of `spec.train.stages` that descends from the cell's first stage: a train node keyed by its
 * parent's key (through the `parent` dependency), a `sample` node when DPO rejects the parent's own mistakes, and
 * the stage student's evaluations. Stages whose ancestry starts at another first-stage method are skipped.
 */
export const planStages = (
  spec: PlannableSpec, ctx: StageContext, cell: StageCell, c: Collector,
  addEvaluations: (student: string, trainId: string, labels: StudentLabels, keyExtra: Record<string, unknown>) => void
): void => {
  const planned = new Map<string, string>([[cell.baseMethod, cell.baseTrainId]])
  const family = spec.students.family
  for (const stage of spec.train.stages ?? []) {
    const parent = planned.get(stage.from)
    if (parent === undefined) continue
    const hyper = stageHyper(stage, ctx.hyper)
    const keyHyper = omitFields(hyper, resourceFieldsOf("/train", hyper))
    const deps: Record<string, string> = { mix: `mix/${cell.mix}`, parent }
    const rejected = stage.rejected ?? "student"
    if (stage.method === "dpo" && rejected === "student") {
      const sampleId = `sample/${cell.mix}/${cell.size}/${stage.name}/s${cell.seed}`
      const params = { mix: cell.mix, size: cell.size, seed: cell.seed, forStage: stage.name, samples: stage.samples ?? 4,
        temperature: stage.temperature ?? 1, max_new_tokens: ctx.maxNewTokens, prompt: ctx.prompt }
      const answers = cell.work.problems === undefined ? undefined : cell.work.problems * params.samples
      c.add({ id: sampleId, kind: "sample", plugin: spec.plugins["/judge"]!,
        keyParams: { ...params, mix: undefined, size: undefined, judge: pluginIdentity(spec.plugins["/judge"]!) },
        params, deps: { train: parent, mix: `mix/${cell.mix}`, dataset: "dataset/train" }, resource: "cpu",
        estimate: { ...(answers === undefined ? {} : { samples: answers }),
          ...estimateDecodeCompute(answers, cell.work.promptTokens, ctx.maxNewTokens, cell.work.params, ctx.gpu) } })
      deps.samples = sampleId
    }
    if (stage.method === "dpo" && stage.rejected === "teacher") {
      for (const teacher of Object.keys(spec.mixes[cell.mix] ?? {}).sort()) deps[`filter:${teacher}`] = `filter/${teacher}`
    }
    if (stage.method === "grpo") deps.dataset = "dataset/train"
    const id = `train/${cell.mix}/${cell.size}/${stage.name}/s${cell.seed}`
    const sizeConfig = spec.students.size_config?.[cell.size] ?? null
    const params = { family, size: cell.size, sizeConfig, method: stage.method, hyper, seed: cell.seed, prompt: ctx.prompt, mix: cell.mix, stage: stage.name }
    c.add({ id, kind: "train", plugin: ctx.trainer,
      keyParams: { trainer: pluginIdentity(ctx.trainer, ctx.content), ...params, hyper: keyHyper, mix: undefined, rejected: stage.rejected ?? null },
      params, deps, resource: "cpu",
      estimate: estimateStageCompute({ ...hyper, method: stage.method, pairsPerProblem: pairsPerProblem(spec, cell.mix, stage, rejected) }, cell.work, ctx.gpu) })
    planned.set(stage.name, id)
    addEvaluations(`${cell.mix}/${cell.size}/${stage.name}/s${cell.seed}`, id, { mix: cell.mix, size: cell.size, method: stage.name, seed: cell.seed, family }, {})
  }
}
