// Seeded pseudo-random numbers (mulberry32) keyed by a string, for reproducible generation.
import { createHash } from "node:crypto"
import { mulberry32 } from "../../../src/data/prng.ts"

/** A deterministic random source. */
export interface Rng {
  /** A float in [0, 1). */
  readonly next: () => number
  /** An integer in [lo, hi] (inclusive). */
  readonly int: (lo: number, hi: number) => number
  /** One element of a non-empty array. */
  readonly pick: <A>(items: ReadonlyArray<A>) => A
}

/** A 32-bit seed from any string (first 4 bytes of its SHA-256). */
export const seedFromKey = (key: string): number => createHash("sha256").update(key).digest().readUInt32LE(0)

/** A mulberry32 generator seeded from `key`; the same key always yields the same sequence. */
export const makeRng = (key: string): Rng => {
  const next = mulberry32(seedFromKey(key))
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1))
  const pick = <A>(items: ReadonlyArray<A>): A => items[Math.floor(next() * items.length)] as A
  return { next, int, pick }
}
