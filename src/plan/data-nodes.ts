// Planning of the data side: datasets, the leakage check, teacher generation, judging, filtering and mixes.
import type { PlanFacts, PlannableSpec, ResolvedPlugin } from "./input.ts"
import { DEFAULT_PROMPT } from "./input.ts"
import { estimateGenerate, estimateJudgeCalls, estimateRows } from "./estimate.ts"
import { nodeCollector, pluginIdentity } from "./draft.ts"
import type { MixingParams } from "./params.ts"

type Collector = ReturnType<typeof nodeCollector>

/** The id of the leakage check node; every generate node waits for it. */
export const LEAKAGE_NODE = "leakage"

const normaliseWeights = (weights: Readonly<Record<string, number>>): Record<string, number> => {
  const total = Object.values(weights).reduce((a, b) => a + b, 0)
  return Object.fromEntries(Object.entries(weights).filter(([, w]) => w > 0).map(([t, w]) => [t, w / total]))
}

/** The train prompt template of the spec. */
export const trainPrompt = (spec: PlannableSpec): string => spec.train.prompt ?? "{problem}\n"

/** Adds dataset nodes, the leakage check, and generate -> judge -> filter per teacher, then one mix node per mix. */
export const planDataSide = (spec: PlannableSpec, facts: PlanFacts, plugin: (pointer: string) => ResolvedPlugin, c: Collector): void => {
  const content = (pointer: string) => facts.identities?.[pointer]
  const trainData = plugin("/data/train")
  c.add({ id: "dataset/train", kind: "dataset", plugin: trainData, keyParams: pluginIdentity(trainData, content("/data/train")),
    params: { pointer: "/data/train" }, deps: {}, resource: "light" })
  const evalNames = Object.keys(spec.data.eval)
  for (const name of evalNames) {
    const pointer = `/data/eval/${name}`
    const p = plugin(pointer)
    c.add({ id: `dataset/eval/${name}`, kind: "dataset", plugin: p, keyParams: pluginIdentity(p, content(pointer)),
      params: { pointer }, deps: {}, resource: "light" })
  }
  const onOverlap = spec.leakage?.on_overlap ?? "warn"
  c.add({ id: LEAKAGE_NODE, kind: "leakage", keyParams: { onOverlap }, params: { onOverlap },
    deps: { train: "dataset/train", ...Object.fromEntries(evalNames.map((n) => [`eval:${n}`, `dataset/eval/${n}`])) }, resource: "light" })

  const rows = estimateRows("/data/train", trainData, facts)
  const meanChars = facts.datasets?.["/data/train"]?.meanChars
  const judgePlugin = plugin("/judge")
  for (const [name, t] of Object.entries(spec.teachers)) {
    const pointer = `/teachers/${name}`
    const p = plugin(pointer)
    const prompt = t.prompt ?? DEFAULT_PROMPT
    const sampling = { samples: t.samples ?? 1, temperature: t.temperature ?? 0, max_tokens: t.max_tokens ?? 4096, stop: t.stop ?? [] }
    const est = estimateGenerate(name, t, prompt, rows, meanChars, facts, p.capabilities?.network === false, p)
    c.add({ id: `generate/${name}`, kind: "generate", plugin: p,
      keyParams: { teacher: pluginIdentity(p, content(pointer)), prompt, system: t.system ?? null, ...sampling },
      params: { teacher: name, pointer, prompt, system: t.system ?? null, ...sampling },
      deps: { dataset: "dataset/train" }, after: [LEAKAGE_NODE], resource: `api:${p.name}`, estimate: est })
    const judgeEst = estimateJudgeCalls({ answers: est.calls, meanQuestionChars: meanChars, answerTokens: (est.outputTokens ?? 0) / Math.max(1, est.calls ?? 1), stage: "traces" }, judgePlugin)
    c.add({ id: `judge/${name}`, kind: "judge", plugin: judgePlugin, keyParams: pluginIdentity(judgePlugin, content("/judge")),
      params: { teacher: name, pointer: "/judge" },
      deps: { generate: `generate/${name}`, dataset: "dataset/train" }, resource: "light",
      estimate: est.calls === undefined ? {} : { samples: est.calls, ...judgeEst } })
    const keep = spec.filter?.keep ?? "all"
    c.add({ id: `filter/${name}`, kind: "filter", keyParams: { keep }, params: { teacher: name, keep },
      deps: { judge: `judge/${name}`, generate: `generate/${name}` }, resource: "light" })
  }

  const prompt = trainPrompt(spec)
  const mixing: MixingParams = spec.mixing
  const seed = spec.seed ?? 0
  for (const [mix, weights] of Object.entries(spec.mixes)) {
    const normalised = normaliseWeights(weights)
    const deps: Record<string, string> = Object.fromEntries(Object.keys(normalised).sort().map((t) => [`filter:${t}`, `filter/${t}`]))
    deps.train = "dataset/train"
    c.add({ id: `mix/${mix}`, kind: "mix", keyParams: { weights: normalised, mixing, seed, prompt },
      params: { mix, weights: normalised, mixing, seed, prompt }, deps, resource: "light" })
  }
}
