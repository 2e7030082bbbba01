// Planning of the student side: training per (method, size, mix, seed), then decode and grade per eval set.
import type { TrainMethod } from "../plugins/trainer.ts"
import type { Estimate } from "./node.ts"
import type { PlanFacts, PlannableSpec, ResolvedPlugin } from "./input.ts"
import type { DecodeSettings, StudentLabels } from "./params.ts"
import {
  estimateDecodeCompute, estimateJudgeCalls, estimateRows, estimateTrainCompute, expectedOutputTokens, promptTokens, trainExamples
} from "./estimate.ts"
import { nodeCollector, pluginIdentity } from "./draft.ts"
import { omitFields, resourceFieldsOf } from "./field-roles.ts"
import { trainPrompt } from "./data-nodes.ts"
import { planStages } from "./stage-nodes.ts"
import { servedDecode, servedKey } from "./served.ts"

type Collector = ReturnType<typeof nodeCollector>

const methodsOf = (m: TrainMethod | ReadonlyArray<TrainMethod>): ReadonlyArray<TrainMethod> => (typeof m === "string" ? [m] : m)
const samples = (n: number | undefined): Estimate => (n === undefined ? {} : { samples: n })

/** Mean tokens of a mix's training target: its teachers' expected outputs, weighted as the mix weighs them. */
const mixTargetTokens = (spec: PlannableSpec, facts: PlanFacts, mix: string): number => {
  const weights = Object.entries(spec.mixes[mix] ?? {}).filter(([t, w]) => w > 0 && spec.teachers[t] !== undefined)
  const total = weights.reduce((a, [, w]) => a + w, 0)
  return total === 0 ? 0 : weights.reduce((a, [t, w]) => a + w * expectedOutputTokens(t, spec.teachers[t]!, facts), 0) / total
}

/**
 * The part of a trainer's content identity that one size's weights have: its entry when the identity is given per
 * size (`{ students: { <size>: ... } }`, the hf trainer's resolved commits and directory digests), else all of it.
 */
export const sizeContent = (content: unknown, size: string): unknown => {
  if (typeof content !== "object" || content === null || !("students" in content)) return content
  const students = (content as { readonly students: Readonly<Record<string, unknown>> }).students
  return { student: students[size] ?? null }
}

/** A size's `size_config` as a key sees it: without the model's location (`model`, `revision`) once its content is known. */
const keySizeConfig = (sizeConfig: Readonly<Record<string, unknown>> | null, content: unknown): Readonly<Record<string, unknown>> | null => {
  const known = (content as { readonly student?: unknown } | undefined)?.student
  return sizeConfig === null || known === undefined || known === null ? sizeConfig : omitFields(sizeConfig, ["model", "revision"])
}

/** Adds train nodes (LoRA students get their SFT base), and decode + grade nodes for every student and eval set. */
export const planStudentSide = (spec: PlannableSpec, facts: PlanFacts, plugin: (pointer: string) => ResolvedPlugin, c: Collector): void => {
  const seed = spec.seed ?? 0
  const prompt = trainPrompt(spec)
  const trainer = plugin("/students/trainer")
  const { method: _method, seeds: seedList, base: baseMix, prompt: _prompt, stages: _stages, overrides: _overrides, ...hyper } = spec.train
  const keyHyper = omitFields(hyper, resourceFieldsOf("/train", hyper))
  const seeds = seedList ?? [seed]
  const mixNames = Object.keys(spec.mixes)
  const evalNames = Object.keys(spec.data.eval)
  const { judge: _judge, base_students: baseStudents, serve, ...evaluate } = spec.evaluate ?? {}
  const decode: DecodeSettings = { stop: [], ...evaluate }
  const judgePointer = spec.plugins["/evaluate/judge"] === undefined ? "/judge" as const : "/evaluate/judge" as const
  const evalJudge = plugin(judgePointer)
  const trainRows = estimateRows("/data/train", plugin("/data/train"), facts)
  const trainerContent = facts.identities?.["/students/trainer"]
  const gpu = facts.students?.gpu
  const paramsOf = (size: string) => facts.students?.params[size]
  const trainPromptTokens = promptTokens(prompt, facts.datasets?.["/data/train"]?.meanChars)
  /** Mean tokens of one SFT example of `mix`: the prompt and the mix's weighted teacher output, cut at `maxLen`. */
  const tokensPerExampleOf = (maxLen: number | undefined, mix: string) =>
    Math.min(maxLen ?? 1024, trainPromptTokens + Math.round(mixTargetTokens(spec, facts, mix)))

  const addEvaluations = (student: string, trainId: string | undefined, labels: StudentLabels, keyExtra: Record<string, unknown>) => {
    for (const evalSet of evalNames) {
      const n = estimateRows(`/data/eval/${evalSet}`, plugin(`/data/eval/${evalSet}`), facts)
      const decodeId = `decode/${student}/${evalSet}`
      const set = spec.data.eval[evalSet]!
      const setDecode: DecodeSettings = { ...decode, stop: [...decode.stop, ...(set.stop ?? [])] }
      const setPrompt = set.prompt ?? prompt
      const served = servedDecode(serve, student)
      const compute = estimateDecodeCompute(n, promptTokens(setPrompt, facts.datasets?.[`/data/eval/${evalSet}`]?.meanChars),
        decode.max_new_tokens, paramsOf(labels.size), gpu)
      c.add({ id: decodeId, kind: "decode", keyParams: { decode: setDecode, prompt: setPrompt, ...keyExtra, ...(served === null ? {} : { served: servedKey(served) }) },
        params: { ...labels, evalSet, decode: setDecode, prompt: setPrompt, ...(served === null ? {} : { served }) },
        deps: { ...(trainId === undefined ? {} : { train: trainId }), dataset: `dataset/eval/${evalSet}` },
        resource: served === null ? "cpu" : "light", estimate: { ...samples(n), ...compute } })
      const calls = estimateJudgeCalls({ answers: n, meanQuestionChars: facts.datasets?.[`/data/eval/${evalSet}`]?.meanChars, answerTokens: decode.max_new_tokens, stage: "answers" }, evalJudge)
      c.add({ id: `grade/${student}/${evalSet}`, kind: "grade", plugin: evalJudge,
        keyParams: { judge: pluginIdentity(evalJudge, facts.identities?.[judgePointer]), labels, evalSet },
        params: { ...labels, evalSet, judgePointer },
        deps: { decode: decodeId, dataset: `dataset/eval/${evalSet}` }, resource: "light", estimate: { ...samples(n), ...calls } })
    }
  }

  const addTrain = (method: TrainMethod, size: string, mix: string, s: number, base: string | undefined): string => {
    const id = `train/${mix}/${size}/${method}/s${s}`
    if (c.has(id)) return id
    const sizeConfig = spec.students.size_config?.[size] ?? null
    const override = spec.train.overrides?.[mix] ?? {}
    const mixHyper = { ...hyper, ...override }
    const params = { family: spec.students.family, size, sizeConfig, method, hyper: mixHyper, seed: s, prompt, mix, stage: method }
    const content = sizeContent(trainerContent, size)
    const passes = trainRows === undefined ? undefined : Math.ceil(trainRows * (mixHyper.epochs ?? 2))
    const examples = trainRows === undefined ? undefined : trainExamples(trainRows, mixHyper.epochs ?? 2, mixHyper.max_steps, mixHyper.batch_size ?? 16)
    const tokensPerExample = tokensPerExampleOf(mixHyper.max_len, mix)
    c.add({ id, kind: "train", plugin: trainer,
      keyParams: { trainer: pluginIdentity(trainer, content), ...params, sizeConfig: keySizeConfig(sizeConfig, content), hyper: { ...keyHyper, ...omitFields(override, resourceFieldsOf(`/train/overrides/${mix}`, override)) }, mix: undefined },
      params, deps: { mix: `mix/${mix}`, ...(base === undefined ? {} : { base }) }, resource: "cpu",
      estimate: { ...samples(passes), ...estimateTrainCompute({ examples, tokensPerExample, params: paramsOf(size) }, gpu) } })
    return id
  }

  for (const method of methodsOf(spec.train.method)) {
    for (const size of spec.students.sizes) {
      for (const mix of mixNames) {
        for (const s of seeds) {
          const baseName = baseMix ?? mixNames[0]!
          const base = method === "lora" ? addTrain("sft", size, baseName, s, undefined) : undefined
          const trainId = addTrain(method, size, mix, s, base)
          addEvaluations(`${mix}/${size}/${method}/s${s}`, trainId, { mix, size, method, seed: s, family: spec.students.family }, {})
          const work = { problems: trainRows, tokensPerExample: tokensPerExampleOf(hyper.max_len, mix), promptTokens: trainPromptTokens, params: paramsOf(size) }
          planStages(spec, { trainer, hyper, prompt, content: sizeContent(trainerContent, size), maxNewTokens: decode.max_new_tokens, gpu },
            { mix, size, seed: s, baseMethod: method, baseTrainId: trainId, work }, c, addEvaluations)
        }
      }
    }
  }
  if (facts.pretrained === true && baseStudents !== false) {
    for (const size of spec.students.sizes) {
      addEvaluations(`base/${size}`, undefined, { mix: null, size, method: "base", seed, family: spec.students.family },
        { base: { family: spec.students.family, size, trainer: pluginIdentity(trainer, sizeContent(trainerContent, size)) } })
    }
  }
}
