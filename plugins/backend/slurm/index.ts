// Backend plugin `slurm`: every heavy node as a batch job on a Slurm cluster; jobs outlive the coordinator.
import * as Layer from "effect/Layer"
import { Backend, defineBackend, type JsonSchemaObject } from "../../../src/plugins/index.ts"
import { makeSlurmBackend } from "./backend.ts"
import { execRunner } from "./commands.ts"
import type { SlurmConfig } from "./script.ts"
import schema from "./config.schema.json" with { type: "json" }

export default defineBackend<SlurmConfig>({
  name: "slurm",
  version: "1.0.0",
  description: "Slurm batch jobs (sbatch / squeue / scontrol / sacct / scancel); a restarted run re-attaches to them.",
  configSchema: schema as JsonSchemaObject,
  capabilities: { deterministic: true, network: false, gpu: false },
  layer: (config) => Layer.succeed(Backend, makeSlurmBackend(config, execRunner(config.bin_dir, config.command_timeout_s)))
})
