// Next-token choice from logits: greedy, or seeded temperature / nucleus (top-p) sampling.
import { createHash } from "node:crypto"

/** A per-prompt seed derived from the run seed and the prompt's index (independent of batching). */
export const rowSeed = (seed: number, index: number): number =>
  (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0

/**
 * A per-sample seed derived from the run seed and the sample's identity (e.g. problem id and sample
 * index): the same wherever and in whatever batch the sample is decoded.
 */
export const sampleSeed = (seed: number, id: string): number =>
  createHash("sha256").update(`${seed}\u0000${id}`).digest().readUInt32LE(0)

/** How to pick the next token. */
export interface SamplingOptions {
  /** 0 = greedy. */
  readonly temperature: number
  /** Nucleus mass in (0, 1]; 1 or absent = no truncation. */
  readonly topP?: number
}

/**
 * Picks a token id from `logits[offset .. offset+vocab)`, never one of `banned`.
 * Greedy ties go to the lowest id.
 */
export const pickToken = (
  logits: Float32Array, offset: number, vocab: number, options: SamplingOptions,
  random: () => number, banned: ReadonlyArray<number>
): number => {
  const allowed = (id: number) => !banned.includes(id)
  if (options.temperature <= 0) {
    let best = -1
    let bestValue = -Infinity
    for (let id = 0; id < vocab; id++) {
      const v = logits[offset + id]!
      if (v > bestValue && allowed(id)) { best = id; bestValue = v }
    }
    return best
  }
  let max = -Infinity
  for (let id = 0; id < vocab; id++) if (allowed(id)) max = Math.max(max, logits[offset + id]!)
  const probs: Array<{ id: number; p: number }> = []
  let sum = 0
  for (let id = 0; id < vocab; id++) {
    if (!allowed(id)) continue
    const p = Math.exp((logits[offset + id]! - max) / options.temperature)
    probs.push({ id, p })
    sum += p
  }
  probs.sort((a, b) => b.p - a.p || a.id - b.id)
  const topP = options.topP ?? 1
  let kept = probs.length
  if (topP < 1) {
    let mass = 0
    for (let i = 0; i < probs.length; i++) {
      mass += probs[i]!.p / sum
      if (mass >= topP) { kept = i + 1; break }
    }
  }
  let total = 0
  for (let i = 0; i < kept; i++) total += probs[i]!.p
  let r = random() * total
  for (let i = 0; i < kept; i++) {
    r -= probs[i]!.p
    if (r <= 0) return probs[i]!.id
  }
  return probs[kept - 1]!.id
}
