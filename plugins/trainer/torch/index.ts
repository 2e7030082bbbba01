// Trainer plugin `torch`: byte-level tiny students trained from scratch (sft) or adapted (lora) by the distill_torch package.
import { readFileSync } from "node:fs"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { defineTrainer, type JsonSchemaObject, PluginHost, Trainer, TrainerError, type TrainMethod } from "../../../src/plugins/index.ts"
import { findTorchPython } from "../../../src/students/python.ts"
import { pythonPath, TORCH_PYTHON_DIR } from "../../../src/students/python-packages.ts"
import schema from "./config.schema.json" with { type: "json" }
import { FAMILY_SIZES, familySizes } from "./sizes.ts"

/** The validated `with:` block. */
export interface TorchTrainerConfig {
  readonly python?: string
  readonly threads: number
  readonly peak_gflops: number
}

const METHODS: ReadonlyArray<TrainMethod> = ["sft", "lora", "dpo", "grpo"]
const NEW_SIZE_KEYS = ["d_model", "n_layers", "n_heads", "d_ff"]

/** Checks the family, size and method of a job file; unreadable files are left to the trainer to report. */
const checkJob = (jobFile: string): Effect.Effect<void, TrainerError> => {
  let job: { family?: unknown; size?: unknown; sizeConfig?: unknown; method?: unknown }
  try {
    job = JSON.parse(readFileSync(jobFile, "utf8"))
  } catch {
    return Effect.void
  }
  const family = String(job.family)
  const sizes = FAMILY_SIZES[family]
  if (sizes === undefined) {
    return Effect.fail(new TrainerError({ reason: "unknown-size", message: `unknown student family '${family}' (known: ${Object.keys(FAMILY_SIZES).join(", ")})` }))
  }
  const custom = (job.sizeConfig ?? {}) as Record<string, unknown>
  if (!(String(job.size) in sizes) && !NEW_SIZE_KEYS.every((k) => k in custom)) {
    return Effect.fail(new TrainerError({ reason: "unknown-size",
      message: `unknown ${family} size '${String(job.size)}' (known: ${Object.keys(sizes).join(", ")}; a new size needs size_config with ${NEW_SIZE_KEYS.join(", ")})` }))
  }
  if (!METHODS.includes(job.method as TrainMethod)) {
    return Effect.fail(new TrainerError({ reason: "unsupported-method", message: `method '${String(job.method)}' is not supported by torch (supported: ${METHODS.join(", ")})` }))
  }
  return Effect.void
}

/** The `train` fields distill_torch honours; `validate` refuses the others (packing, micro-batches, LoRA dropout and targets, checkpoint retention) at file:line:col. */
const TRAIN_FIELDS = ["epochs", "lr", "batch_size", "warmup", "weight_decay", "max_len", "max_steps", "checkpoint_every", "lora_rank", "lora_alpha"]

export default defineTrainer<TorchTrainerConfig>({
  name: "torch",
  version: "1.0.0",
  description: "Byte-level decoder-only students (family tiny, xs to xl) trained with PyTorch on CPU; exported to ONNX with a KV cache.",
  configSchema: schema as JsonSchemaObject,
  capabilities: { deterministic: true, network: false, gpu: false },
  resources: () => ({ cpus: 2, gpus: 0, memoryMb: 4096 }),
  layer: (config) =>
    Layer.effect(Trainer, Effect.gen(function*() {
      const host = yield* PluginHost
      const env = { DISTILL_PYTHON: config.python ?? host.env("DISTILL_PYTHON") }
      return Trainer.of({
        sizes: familySizes,
        pretrained: () => false,
        methods: METHODS,
        trainFields: TRAIN_FIELDS,
        command: (jobFile) => Effect.gen(function*() {
          yield* checkJob(jobFile)
          const { python } = yield* findTorchPython(env)
          return {
            command: python,
            args: ["-m", "distill_torch", jobFile],
            env: {
              PYTHONPATH: pythonPath(TORCH_PYTHON_DIR, host.env("PYTHONPATH")),
              PYTHONUNBUFFERED: "1",
              ...(config.threads > 0 ? { DISTILL_THREADS: String(config.threads) } : {}),
              ...(config.peak_gflops > 0 ? { DISTILL_PEAK_GFLOPS: String(config.peak_gflops) } : {})
            }
          }
        })
      })
    }))
})
