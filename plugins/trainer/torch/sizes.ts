// Named sizes of the `tiny` family (shared with the Python trainer through sizes.json) and their parameter counts.
import sizes from "./python/distill_torch/sizes.json" with { type: "json" }
import { VOCAB_SIZE } from "../../../src/students/tokenizer.ts"

/** Architecture of one size. */
export interface TinyDims {
  readonly d_model: number
  readonly n_layers: number
  readonly n_heads: number
  readonly d_ff: number
  readonly max_len: number
}

/** Sizes per family, smallest first. */
export const FAMILY_SIZES: Readonly<Record<string, Readonly<Record<string, TinyDims>>>> = sizes

/**
 * Parameters of a tiny model: tied byte embedding, per block two LayerNorms, fused QKV, output and two MLP
 * projections (no biases), and a final LayerNorm. RoPE positions add none.
 */
export const tinyParams = (d: TinyDims): number =>
  VOCAB_SIZE * d.d_model + d.n_layers * (4 * d.d_model * d.d_model + 2 * d.d_model * d.d_ff + 4 * d.d_model) + 2 * d.d_model

/** The sizes of `family` with their parameter counts ([] for an unknown family). */
export const familySizes = (family: string): ReadonlyArray<{ readonly name: string; readonly params: number }> =>
  Object.entries(FAMILY_SIZES[family] ?? {}).map(([name, dims]) => ({ name, params: tinyParams(dims) }))
