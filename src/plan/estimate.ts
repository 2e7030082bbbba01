// Plan-time estimates: row counts, teacher and judge calls, tokens (images by provider rule) and cost, before anything runs.
import type { Price } from "../plugins/teacher.ts"
import type { GpuThroughput } from "../plugins/trainer.ts"
import { imageRuleOf, imageTokens } from "../provider/image-tokens.ts"
import { listedPriceOf } from "../provider/prices.ts"
import type { Estimate, Plan, PlanNode } from "./node.ts"
import type { ImageFacts, PlanFacts, ResolvedPlugin, TeacherEntry } from "./input.ts"

const CHARS_PER_TOKEN = 4

/** Rows a dataset will yield: measured when known, else its `count`/`limit` config. */
export const estimateRows = (pointer: string, plugin: ResolvedPlugin, facts: PlanFacts): number | undefined => {
  const known = facts.datasets?.[pointer]
  if (known !== undefined) return known.rows
  const c = plugin.config
  const n = typeof c.count === "number" ? c.count : typeof c.limit === "number" ? c.limit : undefined
  return n
}

type SpecPrice = { readonly input_per_m: number; readonly output_per_m: number }

const usd = (inputTokens: number, outputTokens: number, price: Price) =>
  (inputTokens * price.inputPerM + outputTokens * price.outputPerM) / 1e6

const fromSpec = (p: SpecPrice | undefined): Price | undefined =>
  p === undefined ? undefined : { inputPerM: p.input_per_m, outputPerM: p.output_per_m }

/** Input tokens of one call's images: the mean over the measured sample, by the provider's rule, per row with an image. */
export const imageTokensPerRow = (provider: string, images: ImageFacts | undefined, rows: number): number => {
  if (images === undefined || images.rows === 0 || rows === 0) return 0
  const rule = imageRuleOf(provider)
  const sample = images.sample.length === 0 ? [undefined] : images.sample
  const mean = sample.reduce((a, d) => a + imageTokens(rule, d), 0) / sample.length
  return (mean * images.rows) / rows
}

/** Mean output tokens of one teacher call: measured in earlier runs, else `expected_output_tokens`, else min(max_tokens, 1024). */
export const expectedOutputTokens = (teacherName: string, teacher: TeacherEntry, facts: PlanFacts): number =>
  facts.outputTokens?.[teacherName] ?? teacher.expected_output_tokens ?? Math.min(teacher.max_tokens ?? 4096, 1024)

/**
 * Teacher calls, tokens and cost for generating over `rows` problems. The price is the spec's `price:`,
 * else the built-in table's for the plugin's model (`plugin`), else unknown; an offline teacher without
 * a price costs nothing. Images of the training set (`facts.datasets["/data/train"].images`) count by the
 * provider's rule.
 */
export const estimateGenerate = (
  teacherName: string, teacher: TeacherEntry, prompt: string, rows: number | undefined,
  meanQuestionChars: number | undefined, facts: PlanFacts, offline = false, plugin?: ResolvedPlugin
): Estimate => {
  if (rows === undefined) return {}
  const samples = teacher.samples ?? 1
  const calls = rows * samples
  const images = imageTokensPerRow(plugin?.name ?? "", facts.datasets?.["/data/train"]?.images, rows)
  const promptTokens = Math.ceil((prompt.length + (teacher.system?.length ?? 0) + (meanQuestionChars ?? 200)) / CHARS_PER_TOKEN + images)
  const outPer = expectedOutputTokens(teacherName, teacher, facts)
  const inputTokens = calls * promptTokens
  const outputTokens = calls * outPer
  const price = fromSpec(teacher.price) ?? (plugin === undefined ? undefined : listedPriceOf(plugin.name, plugin.config))
  const costUsd = price === undefined ? (offline ? 0 : undefined) : usd(inputTokens, outputTokens, price)
  return { calls, inputTokens, outputTokens, ...(costUsd === undefined ? {} : { costUsd }), samples: calls }
}

/** Characters of the llm judge's default True/False prompt (plugins/judge/llm/prompt.ts; a test keeps them equal). */
export const DEFAULT_JUDGE_PROMPT_CHARS = 378

/**
 * Assumed share of rule verdicts that are "correct" when a chain judge's rules run first: most teacher
 * traces are right, most small-student answers are wrong. The rest is split 80/20 between incorrect and
 * unparseable. Only the share of the chain's `llm_on` labels reaches the LLM.
 */
export const ASSUMED_CORRECT = { traces: 0.7, answers: 0.2 } as const

/** The model a judge calls: its teacher reference, prompt and reply budget, and the chain's llm_on labels. */
interface JudgeModel {
  readonly teacher: { readonly use?: string; readonly with?: Record<string, unknown> }
  readonly price?: SpecPrice
  readonly promptChars: number
  readonly maxTokens: number
  readonly llmOn?: ReadonlyArray<string>
}

const judgeModelOf = (judge: ResolvedPlugin): JudgeModel | undefined => {
  const llm = judge.name === "llm" ? judge.config
    : judge.name === "chain" ? (judge.config.llm as { with?: Record<string, unknown> } | undefined)?.with : undefined
  if (llm === undefined) return undefined
  return {
    teacher: (llm.teacher ?? {}) as JudgeModel["teacher"],
    ...(llm.price === undefined ? {} : { price: llm.price as SpecPrice }),
    promptChars: (typeof llm.prompt === "string" ? llm.prompt.length : DEFAULT_JUDGE_PROMPT_CHARS) + (typeof llm.system === "string" ? llm.system.length : 0),
    maxTokens: typeof llm.max_tokens === "number" ? llm.max_tokens : 20,
    ...(judge.name === "chain" ? { llmOn: (judge.config.llm_on as ReadonlyArray<string> | undefined) ?? ["incorrect", "unparseable"] } : {})
  }
}

/** Share of answers whose rule verdict is one of `llmOn`, under ASSUMED_CORRECT for `stage`. */
export const chainShare = (llmOn: ReadonlyArray<string>, stage: keyof typeof ASSUMED_CORRECT): number => {
  const correct = ASSUMED_CORRECT[stage]
  const share: Readonly<Record<string, number>> = { correct, incorrect: (1 - correct) * 0.8, unparseable: (1 - correct) * 0.2 }
  return Math.min(1, llmOn.reduce((a, l) => a + (share[l] ?? 0), 0))
}

/** What is judged: how many answers, how long they are, and whether they are teacher traces or student answers. */
export interface JudgedWork {
  readonly answers: number | undefined
  readonly meanQuestionChars?: number | undefined
  /** Mean tokens of the answer the judge reads (a teacher's output, a student's `max_new_tokens`). */
  readonly answerTokens: number
  readonly stage: keyof typeof ASSUMED_CORRECT
}

/**
 * Judge model calls for `work` under `judge`: one per answer for the `llm` judge; for the `chain` judge the
 * share its `llm_on` labels are assumed to take (`llmShare`, see ASSUMED_CORRECT). Cost by the judge's
 * `price:`, else the built-in table for its teacher's model. A judge without a model makes no calls; a third-party judge
 * that needs the network is counted one call per answer, tokens and cost unknown.
 */
export const estimateJudgeCalls = (work: JudgedWork, judge: ResolvedPlugin): Estimate => {
  if (work.answers === undefined) return {}
  const model = judgeModelOf(judge)
  if (model === undefined) return judge.capabilities?.network === true ? { calls: work.answers } : {}
  const llmShare = model.llmOn === undefined ? 1 : chainShare(model.llmOn, work.stage)
  const calls = Math.round(work.answers * llmShare)
  const perCall = Math.ceil((model.promptChars + (work.meanQuestionChars ?? 200) + 16) / CHARS_PER_TOKEN) + work.answerTokens
  const inputTokens = calls * perCall
  const outputTokens = calls * model.maxTokens
  const t = model.teacher
  const price = fromSpec(model.price) ?? (typeof t.use === "string" ? listedPriceOf(t.use, t.with ?? {}) : undefined)
  return {
    calls, inputTokens, outputTokens, ...(price === undefined ? {} : { costUsd: usd(inputTokens, outputTokens, price) }),
    ...(model.llmOn === undefined ? {} : { llmShare })
  }
}

/** The estimated spend of the nodes that will run. */
export interface SpendEstimate {
  readonly usd: number
  /** Paid model calls (teachers and judges). */
  readonly calls: number
  /** Nodes making calls at an unknown price (counted as $0 in `usd`). */
  readonly unpriced: ReadonlyArray<string>
  /** Generate nodes whose size is unknown until their dataset is loaded. */
  readonly unsized: ReadonlyArray<string>
}

/** Kinds of node that grade student answers with the evaluation judge. */
export const GRADING_KINDS: ReadonlySet<string> = new Set(["evaluate", "grade"])

const PAID_KINDS: ReadonlySet<string> = new Set(["generate", "judge", ...GRADING_KINDS])

/** Sums the estimates of `nodes` (pass the ones not cached): teacher generation, trace judging, grading. */
export const spendEstimate = (nodes: ReadonlyArray<PlanNode>): SpendEstimate => {
  const paid = nodes.filter((n) => PAID_KINDS.has(n.kind))
  return {
    usd: paid.reduce((a, n) => a + (n.estimate.costUsd ?? 0), 0),
    calls: paid.reduce((a, n) => a + (n.estimate.calls ?? 0), 0),
    unpriced: paid.filter((n) => (n.estimate.calls ?? 0) > 0 && n.estimate.costUsd === undefined).map((n) => n.id),
    unsized: paid.filter((n) => n.kind === "generate" && n.estimate.calls === undefined).map((n) => n.id)
  }
}

/** True when the estimate is above `budget.usd` (never without a budget). */
export const exceedsBudget = (spend: SpendEstimate, budgetUsd: number | undefined): boolean =>
  budgetUsd !== undefined && spend.usd > budgetUsd

const fmtUsd = (n: number) => `$${n < 10 ? n.toFixed(4) : n.toFixed(2)}`

/** One line: the estimate against the budget, and what it cannot price. */
export const budgetLine = (spend: SpendEstimate, budgetUsd: number | undefined): string => {
  const against = budgetUsd === undefined ? "no budget.usd set"
    : exceedsBudget(spend, budgetUsd) ? `EXCEEDS budget.usd ${fmtUsd(budgetUsd)}` : `within budget.usd ${fmtUsd(budgetUsd)}`
  const gaps = [
    spend.unpriced.length === 0 ? "" : `cost unknown for ${spend.unpriced.length} node(s) with calls (no price)`,
    spend.unsized.length === 0 ? "" : `${spend.unsized.length} node(s) of unknown size`
  ].filter((g) => g !== "")
  return `total estimate: ~${fmtUsd(spend.usd)} for ${Math.round(spend.calls).toLocaleString("en-US")} paid calls, ${against}` +
    (gaps.length === 0 ? "" : ` (not counted: ${gaps.join("; ")})`)
}

/** The nodes of `plan` that a run restricted to `only` (and what they need) would consider; all without `only`. */
export const selectedNodes = (plan: Plan, only?: ReadonlySet<string>): ReadonlyArray<PlanNode> => {
  if (only === undefined) return plan.nodes
  const byId = new Map(plan.nodes.map((n) => [n.id, n]))
  const keep = new Set<string>()
  const visit = (id: string) => {
    if (keep.has(id)) return
    keep.add(id)
    for (const dep of Object.values(byId.get(id)?.deps ?? {})) visit(dep)
  }
  for (const id of only) visit(id)
  return plan.nodes.filter((n) => keep.has(n.id))
}

/** Tokens of a prompt: its template and a question of `meanQuestionChars` (200 when unknown), at 4 characters a token. */
export const promptTokens = (template: string, meanQuestionChars: number | undefined): number =>
  Math.ceil((template.length + (meanQuestionChars ?? 200)) / CHARS_PER_TOKEN)

/** Training FLOPs per token per parameter (forward and backward); decoding's is 2 (forward only). */
export const TRAIN_FLOPS_PER_PARAM = 6
export const DECODE_FLOPS_PER_PARAM = 2

/** GPU-hours of `flops` on GPUs of `gpu.peakTflops` at utilisation `mfu`. */
export const gpuHoursOf = (flops: number, gpu: GpuThroughput, mfu: number): number => flops / (gpu.peakTflops * 1e12 * mfu) / 3600

/** Examples a training run sees: rows x epochs, at most max_steps x batch_size. */
export const trainExamples = (rows: number, epochs: number, maxSteps: number | undefined, batchSize: number): number => {
  const passes = Math.ceil(rows * epochs)
  return maxSteps === undefined ? passes : Math.min(passes, maxSteps * batchSize)
}

/** What one training run passes through its student. */
export interface TrainWork {
  /** Examples seen: rows x epochs, at most max_steps x batch_size. */
  readonly examples: number | undefined
  /** Mean tokens of one example (prompt and target, cut at max_len). */
  readonly tokensPerExample: number
  readonly params: number | undefined
}

/** Tokens a train node passes through the student, and its GPU-hours when the trainer states a GPU throughput. */
export const estimateTrainCompute = (work: TrainWork, gpu: GpuThroughput | undefined): Estimate => {
  if (work.examples === undefined) return {}
  const trainTokens = Math.round(work.examples * work.tokensPerExample)
  if (gpu === undefined || work.params === undefined) return { trainTokens }
  return { trainTokens, gpuHours: gpuHoursOf(TRAIN_FLOPS_PER_PARAM * work.params * trainTokens, gpu, gpu.trainMfu) }
}

/** Tokens a decode node runs (every prompt, and max_new_tokens per answer: an upper bound), and its GPU-hours. */
export const estimateDecodeCompute = (
  answers: number | undefined, tokensPerPrompt: number, maxNewTokens: number, params: number | undefined, gpu: GpuThroughput | undefined
): Estimate => {
  if (answers === undefined) return {}
  const decodeTokens = answers * (tokensPerPrompt + maxNewTokens)
  if (gpu === undefined || params === undefined) return { decodeTokens }
  return { decodeTokens, gpuHours: gpuHoursOf(DECODE_FLOPS_PER_PARAM * params * decodeTokens, gpu, gpu.decodeMfu) }
}

/** What a later stage's estimate starts from: the first stage's problems, token counts and student. */
export interface StageWork {
  /** Rows of the training set. */
  readonly problems: number | undefined
  /** Mean tokens of one SFT example of the cell's mix (prompt and teacher target, cut at max_len). */
  readonly tokensPerExample: number
  /** Tokens of the prompt alone. */
  readonly promptTokens: number
  readonly params: number | undefined
}

/** A later stage's settings an estimate reads (the stage's hyper-parameters, as `stageHyper` gives them). */
export interface StageSettings {
  readonly method: string
  readonly epochs?: number
  readonly max_steps?: number
  readonly batch_size?: number
  readonly group_size?: number
  readonly kl_beta?: number
  readonly max_completion_tokens?: number
  /** DPO: answers sampled per problem (rejected from the student) or the mix's teacher samples (rejected: teacher). */
  readonly pairsPerProblem?: number
}

/** DPO FLOPs per parameter per token of a pair: both answers through the policy (6) and the frozen reference (2). */
export const DPO_FLOPS_PER_PARAM = TRAIN_FLOPS_PER_PARAM + DECODE_FLOPS_PER_PARAM

/**
 * Tokens and GPU-hours of a stage after the first. sft: as a first stage. dpo: at most `pairsPerProblem` pairs per
 * problem (an upper bound: every sampled answer judged wrong), each pair's two answers through the policy and the
 * reference. grpo: `group_size` completions per prompt of at most `max_completion_tokens`, generated (decode
 * throughput), then trained on (6 x params, and 2 more for the KL reference when `kl_beta` > 0).
 */
export const estimateStageCompute = (s: StageSettings, work: StageWork, gpu: GpuThroughput | undefined): Estimate => {
  if (work.problems === undefined) return {}
  const batch = s.batch_size ?? 16
  if (s.method === "dpo") {
    const pairs = trainExamples(work.problems * (s.pairsPerProblem ?? 1), s.epochs ?? 1, s.max_steps, batch)
    const trainTokens = Math.round(pairs * 2 * work.tokensPerExample)
    if (gpu === undefined || work.params === undefined) return { trainTokens }
    return { trainTokens, gpuHours: gpuHoursOf(DPO_FLOPS_PER_PARAM * work.params * trainTokens, gpu, gpu.trainMfu) }
  }
  if (s.method === "grpo") {
    const prompts = trainExamples(work.problems, s.epochs ?? 1, s.max_steps, batch)
    const tokens = prompts * (s.group_size ?? 4) * (work.promptTokens + (s.max_completion_tokens ?? 128))
    if (gpu === undefined || work.params === undefined) return { trainTokens: tokens, decodeTokens: tokens }
    const trainFlops = (TRAIN_FLOPS_PER_PARAM + ((s.kl_beta ?? 0.04) > 0 ? DECODE_FLOPS_PER_PARAM : 0)) * work.params * tokens
    return { trainTokens: tokens, decodeTokens: tokens,
      gpuHours: gpuHoursOf(trainFlops, gpu, gpu.trainMfu) + gpuHoursOf(DECODE_FLOPS_PER_PARAM * work.params * tokens, gpu, gpu.decodeMfu) }
  }
  const examples = trainExamples(work.problems, s.epochs ?? 1, s.max_steps, batch)
  return estimateTrainCompute({ examples, tokensPerExample: work.tokensPerExample, params: work.params }, gpu)
}
