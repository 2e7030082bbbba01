// Trainer plugin `hf`: Hugging Face causal-LM students (Qwen2.5, Llama 3.x, SmolLM2 or a local path) fine-tuned by distill_hf.
import { readFileSync } from "node:fs"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { defineTrainer, type JsonSchemaObject, PluginHost, Trainer, TrainerError, type TrainerCommand, type TrainMethod } from "../../../src/plugins/index.ts"
import { findTorchPython } from "../../../src/students/python.ts"
import { HF_PYTHON_DIR, pythonPath } from "../../../src/students/python-packages.ts"
import { resolve as resolvePath } from "node:path"
import schema from "./config.schema.json" with { type: "json" }
import { HF_FAMILIES, hfFamilySizes, studentSource } from "./families.ts"
import { studentsIdentity } from "./identity.ts"

/** The validated `with:` block. */
export interface HfTrainerConfig {
  readonly python?: string
  readonly threads: number
  readonly peak_gflops: number
  readonly estimate_peak_tflops?: number
  readonly estimate_mfu?: number
  readonly estimate_decode_mfu?: number
  readonly offline: boolean
  readonly revisions?: Readonly<Record<string, string>>
  readonly launcher: "python" | "torchrun" | "accelerate"
  readonly gpus: number
  readonly accelerate_config?: string
  readonly deepspeed?: string
  readonly fsdp?: string
}

const METHODS: ReadonlyArray<TrainMethod> = ["sft", "lora", "dpo", "grpo"]

/** The spec's `train` fields distill_hf reads (job.py's hyper-parameters). */
const TRAIN_FIELDS = ["epochs", "lr", "batch_size", "micro_batch_size", "warmup", "weight_decay", "max_len", "max_steps", "checkpoint_every",
  "keep_checkpoints", "packing", "lora_rank", "lora_alpha", "lora_dropout", "lora_targets"]

interface JobHead { readonly family: string; readonly size: string; readonly method: string; readonly sizeConfig?: Record<string, unknown> }

const readJob = (jobFile: string): Effect.Effect<JobHead, TrainerError> =>
  Effect.try({
    try: () => JSON.parse(readFileSync(jobFile, "utf8")) as JobHead,
    catch: (e) => new TrainerError({ reason: "unknown-size", message: `cannot read job file ${jobFile}: ${String(e)}` })
  })

/** The process line: plain python, or torchrun / accelerate launch with one process per GPU. */
export const launchArgs = (config: Pick<HfTrainerConfig, "launcher" | "gpus" | "accelerate_config">, jobFile: string): ReadonlyArray<string> => {
  const module = ["-m", "distill_hf", jobFile]
  if (config.launcher === "torchrun") return ["-m", "torch.distributed.run", "--standalone", `--nproc_per_node=${config.gpus}`, ...module]
  if (config.launcher === "accelerate") {
    return ["-m", "accelerate.commands.launch", `--num_processes=${config.gpus}`,
      ...(config.accelerate_config === undefined ? [] : [`--config_file=${config.accelerate_config}`]), ...module]
  }
  return module
}

export default defineTrainer<HfTrainerConfig>({
  name: "hf",
  version: "1.0.0",
  description: "Hugging Face causal LMs (qwen2.5-instruct, llama-3.x-instruct, smollm2-instruct, or size_config.model) with TRL SFT / peft LoRA, DPO and GRPO.",
  configSchema: schema as JsonSchemaObject,
  capabilities: { deterministic: false, network: false, gpu: true },
  resources: (_job, config) => ({ cpus: Math.max(2, 4 * (config.gpus ?? 1)), gpus: config.gpus ?? 1, memoryMb: 32_768 * (config.gpus ?? 1) }),
  layer: (config) =>
    Layer.effect(Trainer, Effect.gen(function*() {
      const host = yield* PluginHost
      const env = { DISTILL_PYTHON: config.python ?? host.env("DISTILL_PYTHON") }
      return Trainer.of({
        sizes: hfFamilySizes,
        pretrained: () => true,
        baseStudent: (family, size, sizeConfig) => {
          const s = studentSource(family, size, sizeConfig ?? undefined, config.revisions)
          if (s === null) return null
          return { model: s.model.startsWith("./") || s.model.startsWith("../") ? resolvePath(host.specDir, s.model) : s.model, revision: s.revision }
        },
        methods: METHODS,
        trainFields: TRAIN_FIELDS,
        gpuThroughput: {
          peakTflops: config.estimate_peak_tflops ?? 989, trainMfu: config.estimate_mfu ?? 0.4, decodeMfu: config.estimate_decode_mfu ?? 0.05
        },
        command: (jobFile) => Effect.gen(function*() {
          const job = yield* readJob(jobFile)
          if (!METHODS.includes(job.method as TrainMethod)) {
            return yield* new TrainerError({ reason: "unsupported-method", message: `method '${job.method}' is not supported by hf (supported: ${METHODS.join(", ")})` })
          }
          const source = studentSource(job.family, job.size, job.sizeConfig, config.revisions)
          if (source === null) {
            const known = Object.keys(HF_FAMILIES[job.family] ?? {})
            return yield* new TrainerError({ reason: "unknown-size", message: known.length === 0
              ? `unknown student family '${job.family}' (known: ${Object.keys(HF_FAMILIES).join(", ")}; any other model: size_config.<size>.model = a Hub id or a local path)`
              : `unknown ${job.family} size '${job.size}' (known: ${known.join(", ")})` })
          }
          const { python } = yield* findTorchPython(env)
          const command: TrainerCommand = {
            command: python,
            args: launchArgs(config, jobFile),
            env: {
              PYTHONPATH: pythonPath(HF_PYTHON_DIR, host.env("PYTHONPATH")),
              PYTHONUNBUFFERED: "1",
              DISTILL_HF_MODEL: source.model.startsWith("./") || source.model.startsWith("../") ? resolvePath(host.specDir, source.model) : source.model,
              ...(source.revision === null ? {} : { DISTILL_HF_REVISION: source.revision }),
              ...(config.offline ? { HF_HUB_OFFLINE: "1" } : {}),
              ...(config.threads > 0 ? { DISTILL_THREADS: String(config.threads) } : {}),
              ...(config.peak_gflops > 0 ? { DISTILL_PEAK_GFLOPS: String(config.peak_gflops) } : {}),
              ...(config.deepspeed === undefined ? {} : { DISTILL_HF_DEEPSPEED: config.deepspeed }),
              ...(config.fsdp === undefined ? {} : { DISTILL_HF_FSDP: config.fsdp })
            }
          }
          return command
        })
      })
    })),
  identity: (config, host) => Effect.try({
    try: () => studentsIdentity(config.revisions, host),
    catch: (e) => (e instanceof Error ? e : new Error(String(e)))
  })
})
