// Seeded pseudo-random numbers (mulberry32) and the helpers built on them: seeds from names, shuffles, ordering.

/** A generator of uniform numbers in [0, 1). */
export type Rng = () => number

/** mulberry32: a 32-bit seeded generator; the same seed always yields the same sequence. */
export const mulberry32 = (seed: number): Rng => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** FNV-1a 32-bit hash of a string, used to derive independent seeds from names. */
export const hashString = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** A seed derived from a base seed and a label, so that streams for different labels do not overlap. */
export const deriveSeed = (seed: number, label: string): number => (hashString(label) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0

/** A uniform integer in [0, n). */
export const randomInt = (rng: Rng, n: number): number => Math.floor(rng() * n)

/** A shuffled copy of `items` (Fisher-Yates). */
export const shuffled = <A>(items: ReadonlyArray<A>, rng: Rng): Array<A> => {
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1)
    const tmp = out[i] as A
    out[i] = out[j] as A
    out[j] = tmp
  }
  return out
}

/** Compares strings by code unit, independent of the locale. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
