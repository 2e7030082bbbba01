// Generation options, their validation, session creation and the batched generate run shared by both student APIs.
import { availableParallelism } from "node:os"
import { join } from "node:path"
import { InferenceSession } from "onnxruntime-node"
import { decodeWithCache, decodeWithoutCache } from "./decode-loop.ts"
import { type Generation, makeRow, rowResult } from "./generation-row.ts"
import { DEFAULT_LOOP_OPTIONS, type LoopOptions } from "./loop-detector.ts"
import type { StudentManifest } from "./manifest.ts"
import { mulberry32 } from "../data/prng.ts"
import { rowSeed, sampleSeed } from "./sampling.ts"
import { stopMatcher } from "./stop-strings.ts"
import { encodePrompt } from "./tokenizer.ts"

/** Options of one `generate` call. */
export interface GenerateOptions {
  readonly maxNewTokens: number
  /** 0 = greedy. */
  readonly temperature: number
  readonly topP?: number
  /**
   * Sampling seed; each prompt gets its own stream derived from it and the prompt's identity in
   * `sampleIds`, or, without ids, its index in `prompts`.
   */
  readonly seed: number
  /** One identity per prompt (problem id and sample index): makes sampling independent of batching and slicing. */
  readonly sampleIds?: ReadonlyArray<string>
  readonly stop: ReadonlyArray<string>
  /** Prompts decoded together (sorted by length first to limit padding). */
  readonly batchSize: number
  /** Default true; false re-runs the full sequence every step (for benchmarks and parity checks). */
  readonly useKvCache?: boolean
  /** Loop detector thresholds, or false to disable it. */
  readonly loop?: LoopOptions | false
  /** Called after each batch with the number of finished prompts. */
  readonly onProgress?: (done: number, total: number) => void
}

/** Session settings. */
export interface LoadOptions {
  /** Intra-op threads (default: all cores). */
  readonly threads?: number
}

/** Why options are invalid, or null when they are fine. */
export const optionsProblem = (o: GenerateOptions): string | null => {
  if (!Number.isInteger(o.maxNewTokens) || o.maxNewTokens < 0) return "maxNewTokens must be a non-negative integer"
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) return "batchSize must be a positive integer"
  if (!(o.temperature >= 0)) return "temperature must be >= 0"
  if (o.topP !== undefined && !(o.topP > 0 && o.topP <= 1)) return "topP must be in (0, 1]"
  if (o.sampleIds !== undefined && o.sampleIds.length !== 0 && new Set(o.sampleIds).size !== o.sampleIds.length) return "sampleIds must be distinct"
  return null
}

/** Opens the ONNX session of a student directory. */
export const createSession = (dir: string, manifest: StudentManifest, options: LoadOptions): Promise<InferenceSession> =>
  InferenceSession.create(join(dir, manifest.onnx.file), {
    intraOpNumThreads: options.threads ?? availableParallelism(),
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all"
  })

/** Generates for every prompt (results in prompt order); `signal` aborts between decoding steps. */
export const runGenerate = async (
  session: InferenceSession, manifest: StudentManifest, prompts: ReadonlyArray<string>, o: GenerateOptions, signal?: AbortSignal
): Promise<Generation[]> => {
  if (o.sampleIds !== undefined && o.sampleIds.length !== prompts.length) throw new Error(`sampleIds: ${o.sampleIds.length} ids for ${prompts.length} prompts`)
  const seedOf = (i: number) => o.sampleIds === undefined ? rowSeed(o.seed, i) : sampleSeed(o.seed, o.sampleIds[i]!)
  const rows = prompts.map((p, i) => makeRow(i, encodePrompt(p), mulberry32(seedOf(i))))
  if (o.maxNewTokens === 0) for (const row of rows) row.reason = "max_tokens"
  const settings = {
    maxNewTokens: o.maxNewTokens,
    sampling: o.topP === undefined ? { temperature: o.temperature } : { temperature: o.temperature, topP: o.topP },
    stops: stopMatcher(o.stop),
    loop: o.loop === false ? null : o.loop ?? DEFAULT_LOOP_OPTIONS,
    vocab: manifest.dims.vocab_size
  }
  const ctx = { session, dims: manifest.dims, settings, signal }
  const ordered = [...rows].sort((a, b) => a.prompt.length - b.prompt.length || a.index - b.index)
  for (let start = 0; start < ordered.length; start += o.batchSize) {
    const chunk = ordered.slice(start, start + o.batchSize)
    await (o.useKvCache === false ? decodeWithoutCache(chunk, ctx) : decodeWithCache(chunk, ctx))
    o.onProgress?.(Math.min(start + o.batchSize, ordered.length), ordered.length)
  }
  return rows.map(rowResult)
}
