// One params type per step kind: what the planner resolves from the spec and the step reads back, fully typed.
import type { FilterPolicy } from "../data/filter.ts"
import type { TrainMethod } from "../plugins/trainer.ts"
import type { ExpectedCell, Report } from "../spec/types.gen.ts"
import type { ServedDecode } from "./served.ts"

/** How every mix is built from the weights. */
export interface MixingParams {
  readonly mode: "per-problem" | "concat"
  readonly by: "examples" | "tokens"
  readonly problems: "intersection" | "union"
  /** How a response becomes a training target: free, thoughts-answer, think-answer or a custom template. */
  readonly template: string
}

/** Student decoding settings of an evaluation. */
export interface DecodeSettings {
  readonly max_new_tokens: number
  readonly temperature: number
  readonly batch_size: number
  readonly stop: ReadonlyArray<string>
}

/** Which student an evaluation is about; `mix` is null for an untrained base student. */
export interface StudentLabels {
  readonly mix: string | null
  readonly size: string
  /** The training method or stage name the student ends with ("sft", "dpo", a stage's name), or "base". */
  readonly method: string
  readonly seed: number
  readonly family: string
}

/** dataset: the spec pointer of the dataset plugin to load. */
export interface DatasetParams {
  readonly pointer: string
}

/** leakage: the policy for overlaps between the training problems and the eval sets. */
export interface LeakageParams {
  readonly onOverlap: "warn" | "error"
}

/** generate: one teacher over the training problems. */
export interface GenerateParams {
  readonly teacher: string
  readonly pointer: string
  readonly prompt: string
  readonly system: string | null
  readonly samples: number
  readonly temperature: number
  readonly max_tokens: number
  readonly stop: ReadonlyArray<string>
}

/** judge: verdicts on one teacher's completions with the spec's judge. */
export interface JudgeParams {
  readonly teacher: string
  readonly pointer: string
}

/** filter: which judged traces of one teacher are kept. */
export interface FilterParams {
  readonly teacher: string
  readonly keep: FilterPolicy
}

/** mix: one named training set. */
export interface MixParams {
  readonly mix: string
  readonly weights: Readonly<Record<string, number>>
  readonly mixing: MixingParams
  readonly seed: number
  readonly prompt: string
}

/** train: one student of one size on one mix with one method and seed. */
export interface TrainParams {
  readonly family: string
  readonly size: string
  readonly sizeConfig: Readonly<Record<string, unknown>> | null
  readonly method: TrainMethod
  /** Method hyper-parameters as the trainer reads them (epochs, lr, batch_size, ...), resource fields included. */
  readonly hyper: Readonly<Record<string, unknown>>
  readonly seed: number
  readonly prompt: string
  readonly mix: string
  /** The stage this node trains: the first stage's method, or a later stage's name. */
  readonly stage: string
}

/** sample: a student's own samples on its training problems, judged (the rejected side of DPO pairs). */
export interface SampleParams {
  readonly mix: string
  readonly size: string
  readonly seed: number
  /** The stage whose samples these are for. */
  readonly forStage: string
  readonly samples: number
  readonly temperature: number
  readonly max_new_tokens: number
  readonly prompt: string
}

/** decode: one student's answers on one eval set. */
export interface DecodeParams extends StudentLabels {
  readonly evalSet: string
  readonly decode: DecodeSettings
  readonly prompt: string
  /** Set when the student is decoded through an OpenAI-compatible server (evaluate.serve). */
  readonly served?: ServedDecode
}

/** grade: verdicts on one decode node's answers. */
export interface GradeParams extends StudentLabels {
  readonly evalSet: string
  readonly judgePointer: "/judge" | "/evaluate/judge"
}

/** report: what the report compares. */
export interface ReportParams {
  readonly report: Report
  readonly expected: ReadonlyArray<ExpectedCell>
}

/** The params type of each step kind. */
export interface ParamsOf {
  readonly dataset: DatasetParams
  readonly leakage: LeakageParams
  readonly generate: GenerateParams
  readonly judge: JudgeParams
  readonly filter: FilterParams
  readonly mix: MixParams
  readonly train: TrainParams
  readonly sample: SampleParams
  readonly decode: DecodeParams
  readonly grade: GradeParams
  readonly report: ReportParams
}
