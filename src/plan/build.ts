// The planner: a pure function from a resolved spec to a DAG of keyed step nodes.
import { KEY_FORMAT_VERSION, nodeKey, type KeyParts } from "./keys.ts"
import type { Estimate, Plan, PlanNode, Resource, StepKind } from "./node.ts"
import { DEFAULT_PROMPT, type PlanFacts, type PlannableSpec, type ResolvedPlugin } from "./input.ts"
import { estimateGenerate, estimateJudgeCalls, estimateRows } from "./estimate.ts"
import { REPORT_FORMAT_VERSION } from "../report/version.ts"

interface NodeDraft {
  readonly id: string
  readonly kind: StepKind
  readonly plugin?: ResolvedPlugin
  readonly keyParams: unknown
  readonly params: Readonly<Record<string, unknown>>
  readonly deps: Readonly<Record<string, string>>
  readonly resource: Resource
  readonly estimate?: Estimate
}

const methodsOf = (m: string | ReadonlyArray<string>): ReadonlyArray<string> => (typeof m === "string" ? [m] : m)

const normaliseWeights = (weights: Readonly<Record<string, number>>): Record<string, number> => {
  const total = Object.values(weights).reduce((a, b) => a + b, 0)
  return Object.fromEntries(Object.entries(weights).filter(([, w]) => w > 0).map(([t, w]) => [t, w / total]))
}

const pluginIdentity = (p: ResolvedPlugin) => ({ name: p.name, version: p.version, config: p.config })

/** Builds the plan. Pure: the same spec and facts always give the same nodes and keys. */
export const buildPlan = (spec: PlannableSpec, facts: PlanFacts = {}): Plan => {
  const nodes: PlanNode[] = []
  const byId = new Map<string, PlanNode>()
  const plugin = (pointer: string): ResolvedPlugin => {
    const p = spec.plugins[pointer]
    if (p === undefined) throw new Error(`resolved spec has no plugin at ${pointer}`)
    return p
  }
  const add = (d: NodeDraft): PlanNode => {
    const upstream = Object.fromEntries(Object.entries(d.deps).map(([role, id]) => [role, byId.get(id)!.key]))
    const keyParts: KeyParts = {
      version: KEY_FORMAT_VERSION, kind: d.kind,
      ...(d.plugin === undefined ? {} : { plugin: { name: d.plugin.name, version: d.plugin.version } }),
      params: d.keyParams, upstream
    }
    const node: PlanNode = {
      id: d.id, kind: d.kind, key: nodeKey(keyParts), keyParts, deps: d.deps,
      resource: d.resource, params: d.params, estimate: d.estimate ?? {}
    }
    nodes.push(node)
    byId.set(node.id, node)
    return node
  }
  const seed = spec.seed ?? 0

  const trainData = plugin("/data/train")
  add({ id: "dataset/train", kind: "dataset", plugin: trainData, keyParams: pluginIdentity(trainData),
    params: { pointer: "/data/train" }, deps: {}, resource: "light" })
  for (const name of Object.keys(spec.data.eval)) {
    const p = plugin(`/data/eval/${name}`)
    add({ id: `dataset/eval/${name}`, kind: "dataset", plugin: p, keyParams: pluginIdentity(p),
      params: { pointer: `/data/eval/${name}` }, deps: {}, resource: "light" })
  }

  const rows = estimateRows("/data/train", trainData, facts)
  const meanChars = facts.datasets?.["/data/train"]?.meanChars
  const judgePlugin = plugin("/judge")
  for (const [name, t] of Object.entries(spec.teachers)) {
    const p = plugin(`/teachers/${name}`)
    const prompt = t.prompt ?? DEFAULT_PROMPT
    const sampling = { samples: t.samples ?? 1, temperature: t.temperature ?? 0, max_tokens: t.max_tokens ?? 4096, stop: t.stop ?? [] }
    const est = estimateGenerate(name, t, prompt, rows, meanChars, facts, p.capabilities?.network === false, p)
    add({ id: `generate/${name}`, kind: "generate", plugin: p,
      keyParams: { teacher: pluginIdentity(p), prompt, system: t.system ?? null, ...sampling },
      params: { teacher: name, pointer: `/teachers/${name}`, prompt, system: t.system, ...sampling },
      deps: { dataset: "dataset/train" }, resource: `api:${p.name}`, estimate: est })
    const judgeEst = estimateJudgeCalls({ answers: est.calls, meanQuestionChars: meanChars, answerTokens: (est.outputTokens ?? 0) / Math.max(1, est.calls ?? 1), stage: "traces" }, judgePlugin)
    add({ id: `judge/${name}`, kind: "judge", plugin: judgePlugin, keyParams: pluginIdentity(judgePlugin),
      params: { teacher: name, pointer: "/judge" },
      deps: { generate: `generate/${name}`, dataset: "dataset/train" }, resource: "light",
      estimate: est.calls === undefined ? {} : { samples: est.calls, ...judgeEst } })
    const keep = spec.filter?.keep ?? "all"
    add({ id: `filter/${name}`, kind: "filter", keyParams: { keep }, params: { teacher: name, keep },
      deps: { judge: `judge/${name}`, generate: `generate/${name}` }, resource: "light" })
  }

  const trainPromptTemplate = (spec.train.prompt as string | undefined) ?? "{problem}\n"
  const mixing = spec.mixing
  for (const [mixName, weights] of Object.entries(spec.mixes)) {
    const normalised = normaliseWeights(weights)
    const deps: Record<string, string> = Object.fromEntries(Object.keys(normalised).sort().map((t) => [`filter:${t}`, `filter/${t}`]))
    deps.train = "dataset/train"
    for (const evalName of Object.keys(spec.data.eval)) deps[`eval:${evalName}`] = `dataset/eval/${evalName}`
    const leakage = spec.leakage?.on_overlap ?? "warn"
    add({ id: `mix/${mixName}`, kind: "mix", keyParams: { weights: normalised, mixing, seed, leakage, prompt: trainPromptTemplate },
      params: { mix: mixName, weights: normalised, mixing, seed, leakage, prompt: trainPromptTemplate }, deps, resource: "light" })
  }

  const sampleEstimate = (n: number | undefined): Estimate => (n === undefined ? {} : { samples: n })
  const trainer = plugin("/students/trainer")
  const { method: _method, seeds: seedList, base: baseMix, prompt: _prompt, ...hyper } = spec.train
  const { checkpoint_every: _checkpointEvery, ...keyHyper } = hyper
  const seeds = (seedList as ReadonlyArray<number> | undefined) ?? [seed]
  const mixNames = Object.keys(spec.mixes)
  const evalNames = Object.keys(spec.data.eval)
  const evaluate = { stop: [], ...spec.evaluate }
  const { judge: _evalJudge, base_students: baseStudents, ...decode } = evaluate
  const evalJudge = spec.plugins["/evaluate/judge"] ?? judgePlugin
  const addEvaluations = (student: string, trainId: string | undefined, labels: Record<string, unknown>, keyExtra: Record<string, unknown>) => {
    for (const evalName of evalNames) {
      const id = `evaluate/${student}/${evalName}`
      const answers = estimateRows(`/data/eval/${evalName}`, plugin(`/data/eval/${evalName}`), facts)
      add({ id, kind: "evaluate", plugin: evalJudge,
        keyParams: { decode, prompt: trainPromptTemplate, judge: pluginIdentity(evalJudge), ...keyExtra },
        params: { ...labels, evalSet: evalName, decode, prompt: trainPromptTemplate, judgePointer: evalJudge === judgePlugin ? "/judge" : "/evaluate/judge" },
        deps: { ...(trainId === undefined ? {} : { train: trainId }), dataset: `dataset/eval/${evalName}` },
        resource: "cpu", estimate: { ...sampleEstimate(answers), ...estimateJudgeCalls({ answers, meanQuestionChars: facts.datasets?.[`/data/eval/${evalName}`]?.meanChars, answerTokens: (decode.max_new_tokens as number | undefined) ?? 512, stage: "answers" }, evalJudge) } })
    }
  }

  for (const method of methodsOf(spec.train.method)) {
    for (const size of spec.students.sizes) {
      for (const mixName of mixNames) {
        for (const s of seeds) {
          const base = method === "lora" ? `train/${(baseMix as string | undefined) ?? mixNames[0]}/${size}/sft/s${s}` : undefined
          if (base !== undefined && !byId.has(base)) {
            const baseName = (baseMix as string | undefined) ?? mixNames[0]
            addTrain("sft", size, baseName, s, undefined)
          }
          const trainId = addTrain(method, size, mixName, s, base)
          addEvaluations(`${mixName}/${size}/${method}/s${s}`, trainId,
            { mix: mixName, size, method, seed: s, family: spec.students.family }, {})
        }
      }
    }
    if (facts.pretrained === true && baseStudents !== false) {
      for (const size of spec.students.sizes) {
        addEvaluations(`base/${size}`, undefined,
          { mix: null, size, method: "base", seed, family: spec.students.family },
          { base: { family: spec.students.family, size, trainer: pluginIdentity(trainer) } })
      }
    }
  }

  function addTrain(method: string, size: string, mixName: string, s: number, base: string | undefined): string {
    const id = `train/${mixName}/${size}/${method}/s${s}`
    if (byId.has(id)) return id
    const sizeConfig = (spec.students.size_config as Record<string, unknown> | undefined)?.[size] ?? null
    const params = { family: spec.students.family, size, sizeConfig, method, hyper, seed: s, prompt: trainPromptTemplate, mix: mixName }
    add({ id, kind: "train", plugin: trainer, keyParams: { trainer: pluginIdentity(trainer), ...params, hyper: keyHyper, mix: undefined },
      params, deps: { mix: `mix/${mixName}`, ...(base === undefined ? {} : { base }) }, resource: "cpu",
      estimate: sampleEstimate(rows === undefined ? undefined : Math.ceil(rows * (hyper.epochs as number))) })
    return id
  }

  const reportDeps: Record<string, string> = {}
  for (const n of nodes) reportDeps[n.id] = n.id
  add({ id: "report", kind: "report",
    keyParams: { report: spec.report ?? {}, expected: spec.expected ?? [], name: spec.name, format: REPORT_FORMAT_VERSION },
    params: { report: spec.report ?? {}, expected: spec.expected ?? [] }, deps: reportDeps, resource: "light" })

  return { experiment: spec.name, nodes }
}
