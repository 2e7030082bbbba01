// Dataset plugin `synthetic`: offline multi-step arithmetic word problems with structured solutions in meta.
import { Effect, Layer } from "effect"
import { Dataset, DatasetError, defineDataset, type JsonSchemaObject } from "../../../src/plugins/index.ts"
import schema from "./config.schema.json" with { type: "json" }
import { syntheticRows } from "./rows.ts"

/** The validated `with:` block. */
export interface SyntheticConfig {
  readonly count: number
  readonly steps: readonly [number, number]
  readonly max_value: number
  readonly split: "train" | "test"
  readonly seed?: number
}

export default defineDataset<SyntheticConfig>({
  name: "synthetic",
  version: "1.0.0",
  description: "Procedural arithmetic word problems (offline, deterministic, disjoint train/test splits).",
  configSchema: schema as JsonSchemaObject,
  capabilities: { deterministic: true, network: false, gpu: false },
  layer: (config) => {
    const seed = config.seed ?? 0
    const [lo, hi] = config.steps
    const load = Effect.gen(function*() {
      if (lo > hi) {
        return yield* new DatasetError({ reason: "parse", message: `synthetic: steps [${lo}, ${hi}] has min > max` })
      }
      const rows = syntheticRows({ count: config.count, steps: [lo, hi], split: config.split, seed, maxValue: config.max_value })
      if (rows.length < config.count) {
        return yield* new DatasetError({
          reason: "parse",
          message: `synthetic: only ${rows.length} distinct ${config.split} problems found for steps [${lo}, ${hi}] within ${config.max_value}; lower count or raise max_value`
        })
      }
      return { rows, info: { source: `synthetic:${config.split}:seed=${seed}:steps=${lo}-${hi}:max=${config.max_value}`, rows: rows.length } }
    })
    return Layer.succeed(Dataset, Dataset.of({ load, estimateRows: config.count }))
  }
})
