// Input of the report: evaluation records, mix statistics, judging counts, node costs, expected cells and gap definitions.
import type { MixStats } from "../data/mix-stats.ts"
import type { VerdictLabel } from "../plugins/judge.ts"

/** The student a record was produced by. `params` orders sizes (smallest first). */
export interface StudentRef {
  readonly family: string
  readonly size: string
  readonly params: number
}

/** Why generation stopped. */
export type StopReason = "eos" | "stop" | "max_tokens" | "loop"

/** One judged answer of a student on one evaluation sample. */
export interface EvalRecord {
  readonly student: StudentRef
  /** The training mix; null for the base (untrained) model. */
  readonly mix: string | null
  readonly method: string
  readonly seed: number
  readonly evalSet: string
  readonly sampleId: string
  readonly verdict: VerdictLabel
  /** Chain judge: the rule stage's verdict. */
  readonly rules?: VerdictLabel
  /** Chain judge: the LLM stage's verdict. */
  readonly llm?: VerdictLabel
  readonly extracted: string | null
  readonly reference: string
  readonly outputTokens: number
  readonly stopReason: StopReason
  readonly text: string
}

/** Judging counts of one teacher's traces. */
export interface JudgingSummary {
  readonly teacher: string
  readonly total: number
  readonly correct: number
  readonly unparseable: number
  /** Rate in [0, 1] at which the chain judge's two stages disagreed. */
  readonly disagreement?: number
}

/** Cost and time of one executed DAG node. */
export interface NodeCost {
  readonly key: string
  readonly kind: string
  readonly label: string
  readonly seconds: number
  readonly costUsd: number
  readonly calls: number
  readonly tokens: number
}

/** An expected accuracy (in %) with a tolerance (in points). `evalSet: "Avg"` means the mean over eval sets. */
export interface ExpectedCell {
  readonly size: string
  /** Needed only when two families share a size name. */
  readonly family?: string
  /** A mix name, or "base" for the untrained model; absent for a gap cell. */
  readonly mix?: string
  /** A gap row name (the expected value is a gap in points); absent for an accuracy cell. */
  readonly gap?: string
  readonly evalSet: string
  readonly value: number
  readonly tolerance: number
}

/** A gap row definition: accuracy of `minuend` minus accuracy of `subtrahend`, per student size. */
export interface GapSpec {
  readonly name: string
  readonly minuend: string
  readonly subtrahend: string
}

/** Everything the report is built from. */
export interface ReportInput {
  readonly experiment: string
  readonly runId: string
  readonly seeds: ReadonlyArray<number>
  readonly evals: ReadonlyArray<EvalRecord>
  readonly mixes: ReadonlyArray<{ readonly name: string; readonly stats: MixStats }>
  readonly judging: ReadonlyArray<JudgingSummary>
  readonly nodes: ReadonlyArray<NodeCost>
  readonly expected?: ReadonlyArray<ExpectedCell>
  readonly gaps?: ReadonlyArray<GapSpec>
  /** Single-source mixes (e.g. long, short) that every other mix is compared against ("best single source"). */
  readonly singleSources?: ReadonlyArray<string>
  /** Bootstrap settings; defaults: 2,000 resamples, seed 0. */
  readonly bootstrap?: { readonly resamples?: number; readonly seed?: number }
  /** Students of DPO and GRPO stages with their pairs and metrics (reward curves, held-out margins). */
  readonly stages?: ReadonlyArray<StageRun>
  /** Train/eval overlaps found by the leakage check, per eval set. */
  readonly leakage?: Readonly<Record<string, ReadonlyArray<{ readonly evalId: string; readonly trainIds: ReadonlyArray<string> }>>>
}

/** One trained stage student as the report shows it. */
export interface StageRun {
  readonly label: string
  readonly stage: string
  readonly method: string
  readonly pairs?: { readonly pairs: number; readonly problems: number; readonly problemsWithoutPair: number }
  readonly metrics: Readonly<Record<string, unknown>>
}

/** The label used for the base model's mix. */
export const BASE_MIX = "base"

/** The eval-set label of averages over eval sets. */
export const AVG = "Avg"
