// Batched decoding of generation rows through an ONNX session, with the KV cache or by re-running the full sequence.
import { type InferenceSession, Tensor } from "onnxruntime-node"
import { advanceRow, type GenerationRow, type RowSettings } from "./generation-row.ts"
import { appendToCache, CACHE_HEADROOM, cacheFeeds, cacheNames, emptyCache, type KvCache, reshapeCache, sharedLeftPadding } from "./kv-cache.ts"
import type { StudentDims } from "./manifest.ts"
import { PAD } from "./tokenizer.ts"

/** What the decoder needs besides the rows. */
export interface DecodeContext {
  readonly session: InferenceSession
  readonly dims: StudentDims
  readonly settings: RowSettings
  readonly signal?: AbortSignal | undefined
}

const int64 = (values: ReadonlyArray<number>, dims: ReadonlyArray<number>) =>
  new Tensor("int64", BigInt64Array.from(values, (v) => BigInt(v)), dims)

/** Left-padded ids, positions (0 on padding) and the 0/1 mask for `sequences`. */
export const leftPad = (sequences: ReadonlyArray<ReadonlyArray<number>>) => {
  const width = Math.max(...sequences.map((s) => s.length))
  const ids: number[] = []
  const positions: number[] = []
  const masks: number[][] = []
  for (const seq of sequences) {
    const pad = width - seq.length
    const mask: number[] = []
    for (let i = 0; i < width; i++) {
      ids.push(i < pad ? PAD : seq[i - pad]!)
      positions.push(i < pad ? 0 : i - pad)
      mask.push(i < pad ? 0 : 1)
    }
    masks.push(mask)
  }
  return { width, ids, positions, masks }
}

const checkAbort = (ctx: DecodeContext) => {
  if (ctx.signal?.aborted) throw new Error("decoding interrupted")
}

const noCache = (ctx: DecodeContext, batch: number): KvCache =>
  emptyCache(ctx.dims.n_layers, batch, ctx.dims.n_heads, ctx.dims.head_dim)

/** Advances every row from the last-position logits of a [B, T, V] output. */
const advanceAll = (rows: ReadonlyArray<GenerationRow>, logits: Float32Array, width: number, ctx: DecodeContext) => {
  const vocab = ctx.dims.vocab_size
  rows.forEach((row, r) => advanceRow(row, logits, (r * width + width - 1) * vocab, ctx.settings))
}

/** The new tokens' keys/values of an output, in cache order. */
const newKeysValues = (out: InferenceSession.ReturnType, layers: number): Float32Array[] =>
  cacheNames("new", layers).map((name) => out[name]!.data as Float32Array)

/** Decodes `rows` to completion with the KV cache: one prefill, then one token per row per step. */
export const decodeWithCache = async (rows: ReadonlyArray<GenerationRow>, ctx: DecodeContext): Promise<void> => {
  let active = rows.filter((r) => r.reason === null)
  if (active.length === 0) return
  const layers = ctx.dims.n_layers
  const prefill = leftPad(active.map((r) => r.prompt))
  let masks = prefill.masks
  let out = await ctx.session.run({
    input_ids: int64(prefill.ids, [active.length, prefill.width]),
    position_ids: int64(prefill.positions, [active.length, prefill.width]),
    attention_mask: int64(masks.flat(), [active.length, prefill.width]),
    ...cacheFeeds(noCache(ctx, active.length))
  })
  advanceAll(active, out["logits"]!.data as Float32Array, prefill.width, ctx)
  let cache = appendToCache(noCache(ctx, active.length), newKeysValues(out, layers), prefill.width)
  for (;;) {
    checkAbort(ctx)
    const keep = active.flatMap((row, i) => (row.reason === null ? [i] : []))
    if (keep.length === 0) return
    if (keep.length < active.length) {
      masks = keep.map((i) => masks[i]!)
      const drop = sharedLeftPadding(masks)
      masks = masks.map((m) => m.slice(drop))
      cache = reshapeCache(cache, keep, drop, cache.filled - drop + CACHE_HEADROOM)
      active = keep.map((i) => active[i]!)
    }
    const spare = new Array<number>(cache.capacity - cache.filled).fill(0)
    out = await ctx.session.run({
      input_ids: int64(active.map((r) => r.generated[r.generated.length - 1]!), [active.length, 1]),
      position_ids: int64(active.map((r) => r.prompt.length + r.generated.length - 1), [active.length, 1]),
      attention_mask: int64(masks.flatMap((m) => [...m, ...spare, 1]), [active.length, cache.capacity + 1]),
      ...cacheFeeds(cache)
    })
    advanceAll(active, out["logits"]!.data as Float32Array, 1, ctx)
    cache = appendToCache(cache, newKeysValues(out, layers), 1)
    masks = masks.map((m) => [...m, 1])
  }
}

/** Decodes `rows` to completion without a cache: every step re-runs the whole (left-padded) sequences. */
export const decodeWithoutCache = async (rows: ReadonlyArray<GenerationRow>, ctx: DecodeContext): Promise<void> => {
  for (;;) {
    checkAbort(ctx)
    const active = rows.filter((r) => r.reason === null)
    if (active.length === 0) return
    const batch = leftPad(active.map((r) => [...r.prompt, ...r.generated]))
    const out = await ctx.session.run({
      input_ids: int64(batch.ids, [active.length, batch.width]),
      position_ids: int64(batch.positions, [active.length, batch.width]),
      attention_mask: int64(batch.masks.flat(), [active.length, batch.width]),
      ...cacheFeeds(noCache(ctx, active.length))
    })
    advanceAll(active, out["logits"]!.data as Float32Array, batch.width, ctx)
  }
}
