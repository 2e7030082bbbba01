// Dataset plugin `benchmark`: GSM8K, MATH-500, AIME24, AMC23, OlympiadBench, MathVista and ChartQA files as rows.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Dataset, defineDataset, PluginHost, type JsonSchemaObject } from "../../../src/plugins/index.ts"
import type { BenchmarkName } from "./adapters/index.ts"
import schema from "./config.schema.json" with { type: "json" }
import { loadBenchmark } from "./load.ts"
import { rowsIdentity, withImageDigests } from "../local/content.ts"

/** The validated `with:` block. */
export interface BenchmarkConfig {
  readonly name: BenchmarkName
  readonly path: string
  readonly image_dir?: string
  readonly limit?: number
}

/** Row counts of the public files, used as planning estimates. */
export const KNOWN_SIZES: Readonly<Record<BenchmarkName, number>> = {
  gsm8k: 1319, math500: 500, aime24: 30, amc23: 40, olympiadbench: 675, mathvista: 1000, chartqa: 1250
}

const loadWithDigests = (config: BenchmarkConfig, dirs: { readonly specDir: string; readonly cacheDir: string }) =>
  loadBenchmark({
    name: config.name,
    file: path.resolve(dirs.specDir, config.path),
    ...(config.image_dir === undefined ? {} : { imageDir: path.resolve(dirs.specDir, config.image_dir) }),
    ...(config.limit === undefined ? {} : { limit: config.limit })
  }).pipe(Effect.flatMap(({ rows, info }) => Effect.map(withImageDigests(rows, dirs.cacheDir), (r) => ({ rows: r, info }))))

export default defineDataset<BenchmarkConfig>({
  name: "benchmark",
  version: "1.1.0",
  description: "Public benchmark files (gsm8k, math500, aime24, amc23, olympiadbench, mathvista, chartqa) with canonical references.",
  configSchema: schema as JsonSchemaObject,
  capabilities: { deterministic: true, network: false, gpu: false },
  layer: (config) =>
    Layer.effect(Dataset, Effect.gen(function*() {
      const host = yield* PluginHost
      const load = loadWithDigests(config, host)
      const known = KNOWN_SIZES[config.name]
      return Dataset.of({ load, estimateRows: config.limit === undefined ? known : Math.min(known, config.limit) })
    })),
  identity: (config, host) => loadWithDigests(config, host).pipe(Effect.map(({ rows }) => ({ rows: rowsIdentity(rows) })))
})
