// The decoder's KV cache: per layer a key and a value buffer [batch, n_heads, capacity, head_dim] filled slot by slot.
import { Tensor } from "onnxruntime-node"

/** ONNX names of the cache inputs (`past`) or the new-token outputs (`new`), ordered key_0, value_0, key_1, ... */
export const cacheNames = (prefix: "past" | "new", layers: number): string[] =>
  Array.from({ length: layers }, (_, i) => [`${prefix}_key_${i}`, `${prefix}_value_${i}`]).flat()

/** Cache buffers for a batch; slots [0, filled) hold keys/values, later slots are spare (masked out). */
export interface KvCache {
  readonly batch: number
  readonly heads: number
  readonly headDim: number
  readonly capacity: number
  readonly filled: number
  /** 2 * n_layers buffers, in `cacheNames` order. */
  readonly buffers: ReadonlyArray<Float32Array>
}

/** Extra slots allocated whenever the cache grows, so buffers are rarely reallocated. */
export const CACHE_HEADROOM = 64

/** An empty cache. */
export const emptyCache = (layers: number, batch: number, heads: number, headDim: number): KvCache =>
  ({ batch, heads, headDim, capacity: 0, filled: 0, buffers: Array.from({ length: 2 * layers }, () => new Float32Array(0)) })

/**
 * A copy of `cache` holding batch rows `rows` (in that order) and slots [from, filled), with capacity `capacity`.
 * Used to grow the cache and to drop finished rows and shared left padding.
 */
export const reshapeCache = (cache: KvCache, rows: ReadonlyArray<number>, from: number, capacity: number): KvCache => {
  const { heads, headDim } = cache
  const kept = cache.filled - from
  const buffers = cache.buffers.map((source) => {
    const out = new Float32Array(rows.length * heads * capacity * headDim)
    rows.forEach((row, r) => {
      for (let h = 0; h < heads; h++) {
        const s = ((row * heads + h) * cache.capacity + from) * headDim
        out.set(source.subarray(s, s + kept * headDim), (r * heads + h) * capacity * headDim)
      }
    })
    return out
  })
  return { ...cache, batch: rows.length, capacity, filled: kept, buffers }
}

/** Writes the new tokens' keys/values ([batch, heads, t, headDim] each) after the filled slots, growing when needed. */
export const appendToCache = (cache: KvCache, news: ReadonlyArray<Float32Array>, t: number): KvCache => {
  const all = Array.from({ length: cache.batch }, (_, i) => i)
  const grown = cache.filled + t > cache.capacity ? reshapeCache(cache, all, 0, cache.filled + t + CACHE_HEADROOM) : cache
  const { heads, headDim, capacity, filled } = grown
  grown.buffers.forEach((buffer, i) => {
    const source = news[i]!
    for (let bh = 0; bh < grown.batch * heads; bh++) {
      buffer.set(source.subarray(bh * t * headDim, (bh + 1) * t * headDim), (bh * capacity + filled) * headDim)
    }
  })
  return { ...grown, filled: filled + t }
}

/** The cache as ONNX feeds (`past_*`), every slot included; the attention mask hides the spare ones. */
export const cacheFeeds = (cache: KvCache): Record<string, Tensor> => {
  const names = cacheNames("past", cache.buffers.length / 2)
  return Object.fromEntries(cache.buffers.map((buffer, i) =>
    [names[i]!, new Tensor("float32", buffer, [cache.batch, cache.heads, cache.capacity, cache.headDim])]))
}

/** How many leading mask positions are 0 in every one of `masks` (shared left padding). */
export const sharedLeftPadding = (masks: ReadonlyArray<ReadonlyArray<number>>): number => {
  if (masks.length === 0) return 0
  let n = 0
  const width = masks[0]!.length
  while (n < width && masks.every((m) => m[n] === 0)) n++
  return n
}
