// Trainer plugins: a student training job runs as a process that speaks JSON lines on stdout.
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import type * as Effect from "effect/Effect"
import type { Plugin } from "./define.ts"
import type { Resources } from "./backend.ts"

/** Training methods a trainer may support. */
export type TrainMethod = "sft" | "lora" | "dpo" | "grpo"

/**
 * The job file the engine writes (`job.json`) before spawning the trainer.
 * `trainFile` holds JSON lines `{"id","prompt","completion"}`; paths are absolute.
 */
export interface TrainJob {
  readonly family: string
  readonly size: string
  /** Architecture overrides for the size, from the spec (e.g. `{ d_model: 128, n_layers: 4 }`). */
  readonly sizeConfig?: Readonly<Record<string, unknown>>
  readonly method: TrainMethod
  /** Method hyper-parameters (epochs, lr, batch_size, lora_rank, ...). */
  readonly hyper: Readonly<Record<string, unknown>>
  readonly seed: number
  readonly trainFile: string
  /** For LoRA: the directory of the frozen base model (a finished train output dir). */
  readonly baseDir?: string
  /** Everything the trainer writes goes here; it resumes from `outputDir/checkpoint` when present. */
  readonly outputDir: string
  /** dpo: JSON lines `{"id","prompt","chosen","rejected"}`; `baseDir` is the parent (and reference) model. */
  readonly pairsFile?: string
  /** grpo: JSON lines `{"id","prompt","ref","question",...}` to sample completions for and reward. */
  readonly promptsFile?: string
  /** grpo: a long-lived `distill judge` that reads `{"pred","ref",...}` lines and answers one verdict line each. */
  readonly judge?: {
    readonly command: string
    readonly args: ReadonlyArray<string>
    /** Variables (names only) the judge reads credentials from; the trainer passes its environment on to it. */
    readonly env?: ReadonlyArray<string>
  }
}

/**
 * One JSON line on the trainer's stdout. Unknown lines are ignored.
 * `done` is the last event of a successful job and names the outputs inside `outputDir`.
 */
export type TrainEvent =
  | { readonly event: "start"; readonly total_steps: number; readonly params: number; readonly resumed_from_step: number; readonly peak_gflops?: number; readonly pid?: number }
  | { readonly event: "step"; readonly step: number; readonly total_steps: number; readonly loss: number; readonly lr: number; readonly tokens_per_s: number; readonly eta_s: number; readonly mfu?: number }
  | { readonly event: "checkpoint"; readonly step: number }
  /** A checkpoint failed its check and is not resumed from; `fallback` says what the trainer does instead. */
  | { readonly event: "checkpoint-rejected"; readonly path: string; readonly reason: string; readonly fallback: string }
  | { readonly event: "done"; readonly onnx: string; readonly checkpoint: string; readonly metrics: Readonly<Record<string, number>> }
  | { readonly event: "error"; readonly message: string }

/** How to start the trainer process for a job file. */
export interface TrainerCommand {
  readonly command: string
  readonly args: ReadonlyArray<string>
  readonly env?: Readonly<Record<string, string>>
}

export class TrainerError extends Data.TaggedError("TrainerError")<{
  readonly reason: "missing-runtime" | "unknown-size" | "unsupported-method"
  readonly message: string
}> {}

/** The throughput one GPU is assumed to reach, for plan estimates of GPU-hours (a stated assumption, never measured). */
export interface GpuThroughput {
  /** Dense peak of one GPU in the training dtype, TFLOP/s (H100 SXM bf16: 989; A100 bf16: 312). */
  readonly peakTflops: number
  /** Share of that peak training reaches (model FLOPs utilisation). */
  readonly trainMfu: number
  /** Share of that peak decoding reaches (batched generation is memory-bound, far below training's). */
  readonly decodeMfu: number
}

/** The service a trainer plugin provides. */
export interface TrainerService {
  /** Sizes of a family with their parameter counts (for plans and reports). */
  readonly sizes: (family: string) => ReadonlyArray<{ readonly name: string; readonly params: number }>
  /** Whether the family ships pretrained weights (then base students are evaluated too). */
  readonly pretrained: (family: string) => boolean
  /** Where the untrained base student of a size comes from (a Hub id at a revision, or a local directory). */
  readonly baseStudent?: (family: string, size: string, sizeConfig: Readonly<Record<string, unknown>> | null) => { readonly model: string; readonly revision: string | null } | null
  readonly methods: ReadonlyArray<TrainMethod>
  /**
   * The `train` hyper-parameter fields the trainer honours (epochs, lr, lora_dropout, ...); a spec that sets another is
   * refused at validate, at the field. Absent: every field is honoured.
   */
  readonly trainFields?: ReadonlyArray<string>
  /** The GPU throughput plan estimates assume for its jobs; absent when it does not train on GPUs. */
  readonly gpuThroughput?: GpuThroughput
  /** The command line for a job file; the same line runs locally or as a Slurm job. */
  readonly command: (jobFile: string) => Effect.Effect<TrainerCommand, TrainerError>
}

export class Trainer extends Context.Service<Trainer, TrainerService>()("distill/Trainer") {}

/** What a trainer is asked to size a job by. */
export interface TrainResourceQuery {
  readonly family: string
  readonly size: string
  readonly method: string
}

/** A trainer plugin; `resources` declares what one of its jobs needs (site configuration may override it). */
export type TrainerPlugin<Config = any> = Plugin<"trainer", Config, Trainer, TrainerError> & {
  readonly resources?: (job: TrainResourceQuery, config: Config) => Partial<Resources>
}

/** Defines a trainer plugin. */
export const defineTrainer = <Config>(p: Omit<TrainerPlugin<Config>, "kind">): TrainerPlugin<Config> =>
  ({ kind: "trainer", ...p })
