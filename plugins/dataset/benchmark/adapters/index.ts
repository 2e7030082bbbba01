// The registry of benchmark adapters, by the name used in `with: { name }`.
import type { BenchmarkAdapter } from "../adapter.ts"
import { aime24 } from "./aime24.ts"
import { amc23 } from "./amc23.ts"
import { chartqa } from "./chartqa.ts"
import { gsm8k } from "./gsm8k.ts"
import { math500 } from "./math500.ts"
import { mathvista } from "./mathvista.ts"
import { olympiadbench } from "./olympiadbench.ts"

/** Benchmark names the plugin accepts. */
export type BenchmarkName = "gsm8k" | "math500" | "aime24" | "amc23" | "olympiadbench" | "mathvista" | "chartqa"

/** Every adapter, keyed by benchmark name. */
export const adapters: Readonly<Record<BenchmarkName, BenchmarkAdapter>> = {
  gsm8k, math500, aime24, amc23, olympiadbench, mathvista, chartqa
}
