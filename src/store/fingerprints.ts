// String keys as 64-bit fingerprints numbered by dense slots: a compact index whose users confirm what a match means.
import { column } from "./column.ts"

/**
 * Keys by their fingerprint only (no key text is held): about 16-24 bytes a key in typed arrays, nothing for the
 * garbage collector to trace. Two different keys share a fingerprint with probability about 2^-64, so a user either
 * confirms a match against the real key (`find`'s `accept`) or treats a match as "maybe the same".
 */
export interface FingerprintTable {
  /** The number of slots. */
  readonly size: () => number
  /**
   * The first slot (in the order added) with `key`'s fingerprint that `accept` takes (any, without it); -1 when
   * none does.
   */
  readonly find: (key: string, accept?: (slot: number) => boolean) => number
  /** A new slot for `key`, also when a slot with its fingerprint exists. */
  readonly add: (key: string) => number
}

let hashHi = 0
let hashLo = 0

/** Two 32-bit lanes over the UTF-16 code units of `key` (cyrb53's mixing, both lanes kept whole), into hashHi/hashLo. */
const fingerprint = (key: string): void => {
  let h1 = 0xdeadbeef ^ key.length
  let h2 = 0x41c6ce57 ^ key.length
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  hashHi = h1 >>> 0
  hashLo = h2 >>> 0
}

/** An empty FingerprintTable. */
export const fingerprintTable = (): FingerprintTable => {
  const his = column("u32")
  const los = column("u32")
  /** Open addressing, linear probing: slot + 1 per cell, 0 for empty; kept at most half full. */
  let table = new Int32Array(64)
  let count = 0
  const rehash = () => {
    table = new Int32Array(table.length * 2)
    const mask = table.length - 1
    for (let slot = 0; slot < count; slot++) {
      let cell = los.get(slot) & mask
      while (table[cell] !== 0) cell = (cell + 1) & mask
      table[cell] = slot + 1
    }
  }
  return {
    size: () => count,
    find: (key, accept) => {
      fingerprint(key)
      const hi = hashHi
      const lo = hashLo
      const mask = table.length - 1
      for (let cell = lo & mask; ; cell = (cell + 1) & mask) {
        const at = table[cell]!
        if (at === 0) return -1
        const slot = at - 1
        if (los.get(slot) === lo && his.get(slot) === hi && (accept === undefined || accept(slot))) return slot
      }
    },
    add: (key) => {
      fingerprint(key)
      const slot = count
      his.set(slot, hashHi)
      los.set(slot, hashLo)
      const mask = table.length - 1
      let cell = hashLo & mask
      while (table[cell] !== 0) cell = (cell + 1) & mask
      table[cell] = slot + 1
      count += 1
      if (count * 2 > table.length) rehash()
      return slot
    }
  }
}
