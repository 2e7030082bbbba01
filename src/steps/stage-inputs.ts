// The inputs of a DPO or GRPO stage: preference pairs with their sources, prompts with references, the reward judge.
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import type { Row } from "../plugins/dataset.ts"
import type { ResolvedPlugin } from "../plan/input.ts"
import { judgeInputFor } from "../judge/row-input.ts"
import { readJsonl, writeJsonl } from "../store/jsonl.ts"
import { ROWS } from "./dataset.ts"
import { MIX_MANIFEST, MIX_TRAIN_FILE } from "./mix.ts"
import { REJECTED } from "./filter.ts"
import { mixProblems, STUDENT_SAMPLES, type StudentSample } from "./sample.ts"
import type { UpstreamEntry } from "./step.ts"

/** The preference pairs of a DPO stage (chosen, rejected and where each came from). */
export const PAIRS = "pairs.jsonl"
/** The prompts and references of a GRPO stage. */
export const PROMPTS = "prompts.jsonl"

/** One preference pair. */
export interface Pair {
  readonly id: string
  readonly prompt: string
  readonly chosen: string
  readonly rejected: string
  readonly source: { readonly chosen: string; readonly rejected: string }
}

/** What building the pairs found. */
export interface PairCounts {
  readonly pairs: number
  readonly problems: number
  readonly problemsWithoutPair: number
}

/**
 * Pairs a judged-correct teacher trace of the mix (chosen) with each judged-incorrect or unparseable answer on the
 * same problem (rejected): the parent student's own samples, or other teachers' traces. Chosen traces are used
 * in turn; a problem without a wrong answer gives no pair and is counted.
 */
export const buildPairs = (upstream: Readonly<Record<string, UpstreamEntry>>, rejectedFrom: "student" | "teacher"): { pairs: Pair[]; counts: PairCounts } => {
  const mixDir = upstream.mix!.dir
  const manifest = readJsonl<{ problemId: string; teacher: string; sampleIndex: number }>(path.join(mixDir, MIX_MANIFEST))
  const train = readJsonl<{ id: string; prompt: string; completion: string }>(path.join(mixDir, MIX_TRAIN_FILE))
  const chosen = new Map<string, Array<{ id: string; prompt: string; text: string }>>()
  manifest.forEach((m, i) => {
    const list = chosen.get(m.problemId) ?? []
    list.push({ id: train[i]!.id, prompt: train[i]!.prompt, text: train[i]!.completion })
    chosen.set(m.problemId, list)
  })
  const rejected = new Map<string, Array<{ id: string; text: string }>>()
  const add = (problemId: string, id: string, text: string) => rejected.set(problemId, [...(rejected.get(problemId) ?? []), { id, text }])
  if (rejectedFrom === "student") {
    for (const s of readJsonl<StudentSample>(path.join(upstream.samples!.dir, STUDENT_SAMPLES))) {
      if (s.verdict !== "correct") add(s.problemId, `student#${s.problemId}#${s.sampleIndex}`, s.text)
    }
  } else {
    for (const [role, entry] of Object.entries(upstream).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!role.startsWith("filter:")) continue
      for (const r of readJsonl<{ problemId: string; teacher: string; sampleIndex: number; text: string }>(path.join(entry.dir, REJECTED))) {
        add(r.problemId, `${r.teacher}#${r.problemId}#${r.sampleIndex}`, r.text)
      }
    }
  }
  const pairs: Pair[] = []
  let without = 0
  for (const [problemId, good] of chosen) {
    const bad = rejected.get(problemId) ?? []
    if (bad.length === 0) { without++; continue }
    bad.forEach((b, i) => {
      const c = good[i % good.length]!
      pairs.push({ id: `${problemId}#${i}`, prompt: c.prompt, chosen: c.text, rejected: b.text, source: { chosen: c.id, rejected: b.id } })
    })
  }
  return { pairs, counts: { pairs: pairs.length, problems: chosen.size, problemsWithoutPair: without } }
}

/** Writes the pairs file of a DPO stage into the node directory. */
export const writePairs = (dir: string, pairs: ReadonlyArray<Pair>): string => {
  const file = path.join(dir, PAIRS)
  writeJsonl(file, pairs)
  return file
}

/** Writes a GRPO stage's prompts (the mix's problems once each) with what the judge needs to grade an answer. */
export const writePrompts = (dir: string, upstream: Readonly<Record<string, UpstreamEntry>>): { file: string; count: number } => {
  const rows = new Map(readJsonl<Row>(path.join(upstream.dataset!.dir, ROWS)).map((r) => [r.id, r]))
  const prompts = mixProblems(upstream.mix!.dir).flatMap((q) => {
    const row = rows.get(q.problemId)
    if (row === undefined) return []
    const { pred: _pred, ...judgeInput } = judgeInputFor("", row)
    return [{ id: q.problemId, prompt: q.prompt, ...judgeInput }]
  })
  const file = path.join(dir, PROMPTS)
  writeJsonl(file, prompts)
  return { file, count: prompts.length }
}

const MAIN = fileURLToPath(new URL("../cli/main.ts", import.meta.url))

/** How a trainer's reward judge is policed: the run's store (raw tier), what it may spend, where its calls are logged. */
export interface RewardJudgePolicy {
  readonly storeRoot: string
  /** The run's budget.usd (undefined: no limit) and what the run has spent (or reserved) so far. */
  readonly budgetUsd?: number | undefined
  readonly spentUsd?: number
  /** The node's judge-call log. */
  readonly callsLog?: string
  /** Variables the judge reads its credentials from, by name: the trainer passes them on, their values are never written. */
  readonly env?: ReadonlyArray<string>
}

/** The command line of a reward judge, and the variables (names only) it needs from the trainer's environment. */
export interface RewardJudgeCommand {
  readonly command: string
  readonly args: ReadonlyArray<string>
  readonly env?: ReadonlyArray<string>
}

/**
 * The command line of a long-lived `distill judge` running the spec's own judge (same plugin, same config), which a
 * trainer feeds JSON lines: the reward can never disagree with the score. With a policy, its model calls go through
 * the run's raw tier, budget and shared rate-limit windows, and are logged.
 */
export const judgeCommand = (judge: ResolvedPlugin, specDir: string, policy?: RewardJudgePolicy): RewardJudgeCommand => {
  const pathLike = judge.use.startsWith("./") || judge.use.startsWith("../")
  const use = pathLike ? path.resolve(specDir, judge.use) : judge.use
  const policed = policy === undefined ? [] : [
    "--store", policy.storeRoot,
    ...(policy.budgetUsd === undefined ? [] : ["--budget-usd", String(policy.budgetUsd), "--spent-usd", String(policy.spentUsd ?? 0)]),
    ...(policy.callsLog === undefined ? [] : ["--calls-log", policy.callsLog])
  ]
  return {
    command: process.execPath,
    args: ["--disable-warning=ExperimentalWarning", MAIN, "judge", "--use", use, "--config", JSON.stringify(judge.config), "--spec-dir", specDir, ...policed],
    ...(policy?.env === undefined || policy.env.length === 0 ? {} : { env: policy.env })
  }
}
