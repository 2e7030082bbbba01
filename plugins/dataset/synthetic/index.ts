// Dataset plugin `synthetic`: offline word problems or mod-10 chains, with structured solutions in meta.
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Dataset, DatasetError, defineDataset, type JsonSchemaObject } from "../../../src/plugins/index.ts"
import { chainRowStream } from "./chain-rows.ts"
import schema from "./config.schema.json" with { type: "json" }
import { syntheticRowStream } from "./rows.ts"

/** The validated `with:` block. */
export interface SyntheticConfig {
  readonly task: "word" | "chain"
  readonly count: number
  readonly steps: readonly [number, number]
  readonly max_value: number
  readonly split: "train" | "test"
  readonly seed?: number
}

/** Most steps a word problem may have (its question stays under about 200 characters). */
const MAX_WORD_STEPS = 5

const fail = (message: string) => new DatasetError({ reason: "parse", message: `synthetic: ${message}` })

export default defineDataset<SyntheticConfig>({
  name: "synthetic",
  version: "1.1.0",
  description: "Procedural arithmetic word problems or mod-10 operation chains (offline, deterministic, disjoint train/test splits).",
  configSchema: schema as JsonSchemaObject,
  capabilities: { deterministic: true, network: false, gpu: false },
  layer: (config) => {
    const seed = config.seed ?? 0
    const [lo, hi] = config.steps
    const task = config.task ?? "word"
    const load = Effect.gen(function*() {
      if (lo > hi) return yield* fail(`steps [${lo}, ${hi}] has min > max`)
      if (task === "word" && hi > MAX_WORD_STEPS) {
        return yield* fail(`word problems have at most ${MAX_WORD_STEPS} steps, got steps [${lo}, ${hi}] (task: chain allows 8)`)
      }
      const source = task === "chain"
        ? `synthetic:chain:${config.split}:seed=${seed}:steps=${lo}-${hi}`
        : `synthetic:${config.split}:seed=${seed}:steps=${lo}-${hi}:max=${config.max_value}`
      const generated = task === "chain"
        ? chainRowStream({ count: config.count, steps: [lo, hi], split: config.split, seed })
        : syntheticRowStream({ count: config.count, steps: [lo, hi], split: config.split, seed, maxValue: config.max_value })
      // streamed: a run of 100,000 problems never holds them all; a short problem space fails the load at its end
      const rows = (function*() {
        let found = 0
        for (const row of generated) {
          found += 1
          yield row
        }
        if (found < config.count) {
          const within = task === "chain" ? "" : ` within ${config.max_value}`
          throw fail(`only ${found} distinct ${config.split} ${task} problems found for steps [${lo}, ${hi}]${within}; lower count${task === "chain" ? " or raise steps" : " or raise max_value"}`)
        }
      })()
      return { rows, info: { source, rows: config.count } }
    })
    return Layer.succeed(Dataset, Dataset.of({ load, estimateRows: config.count }))
  }
})
