// A compact set of string keys held off the V8 heap: each key gets a dense slot number, for per-sample columns.

/**
 * Keys numbered 0, 1, 2, ... in the order first added; exact (keys are compared byte for byte, never by hash
 * alone). Keys live as bytes in one growing buffer (a lowercase hex key of even length packed two digits a byte)
 * and the table is typed arrays, so a million keys cost tens of bytes each and nothing for the garbage collector
 * to trace.
 */
export interface KeySlots {
  /** The number of keys. */
  readonly size: () => number
  /** The slot of `key`, or -1 when it was never added. */
  readonly find: (key: string) => number
  /** The slot of `key`, added when new. */
  readonly add: (key: string) => number
  /** The key of a slot (0 <= slot < size). */
  readonly keyAt: (slot: number) => string
}

const HEX = /^(?:[0-9a-f]{2})+$/
/** First byte of a stored key: how the rest is encoded. */
const PACKED_HEX = 0
const UTF8 = 1

const grown = <T extends Uint8Array | Uint32Array | Int32Array>(a: T, need: number, make: (n: number) => T): T => {
  if (need <= a.length) return a
  let n = Math.max(16, a.length)
  while (n < need) n *= 2
  const b = make(n)
  b.set(a)
  return b
}

/** FNV-1a over `bytes[0, n)`. */
const hashOf = (bytes: Uint8Array, n: number): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < n; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193)
  return h >>> 0
}

/** An empty KeySlots. */
export const keySlots = (): KeySlots => {
  let arena: Buffer = Buffer.allocUnsafe(4096)
  let used = 0
  /** Where each slot's key starts in the arena; `starts[size]` is where the next one will. */
  let starts = new Uint32Array(64)
  let hashes = new Uint32Array(64)
  /** Open addressing, linear probing: slot + 1 per cell, 0 for empty; kept at most half full. */
  let table = new Int32Array(128)
  let count = 0
  let scratch: Buffer = Buffer.allocUnsafe(256)

  /** Encodes `key` into the scratch buffer; returns its length. */
  const encode = (key: string): number => {
    const hex = HEX.test(key)
    const need = 1 + (hex ? key.length / 2 : Buffer.byteLength(key))
    if (need > scratch.length) scratch = Buffer.allocUnsafe(need * 2)
    scratch[0] = hex ? PACKED_HEX : UTF8
    return 1 + (hex ? scratch.write(key, 1, "hex") : scratch.write(key, 1, "utf8"))
  }
  const sameAt = (slot: number, n: number): boolean => {
    const from = starts[slot]!
    if (starts[slot + 1]! - from !== n) return false
    for (let i = 0; i < n; i++) if (arena[from + i] !== scratch[i]) return false
    return true
  }
  /** The table cell holding the encoded key, or the empty cell where it would go. */
  const cellOf = (h: number, n: number): number => {
    const mask = table.length - 1
    for (let cell = h & mask; ; cell = (cell + 1) & mask) {
      const at = table[cell]!
      if (at === 0 || (hashes[at - 1] === h && sameAt(at - 1, n))) return cell
    }
  }
  const rehash = () => {
    table = new Int32Array(table.length * 2)
    const mask = table.length - 1
    for (let slot = 0; slot < count; slot++) {
      let cell = hashes[slot]! & mask
      while (table[cell] !== 0) cell = (cell + 1) & mask
      table[cell] = slot + 1
    }
  }
  return {
    size: () => count,
    find: (key) => {
      const n = encode(key)
      return table[cellOf(hashOf(scratch, n), n)]! - 1
    },
    add: (key) => {
      const n = encode(key)
      const h = hashOf(scratch, n)
      const cell = cellOf(h, n)
      if (table[cell] !== 0) return table[cell]! - 1
      const slot = count
      if (used + n > arena.length) {
        const bigger = Buffer.allocUnsafe(Math.max(arena.length * 2, used + n))
        arena.copy(bigger, 0, 0, used)
        arena = bigger
      }
      scratch.copy(arena, used, 0, n)
      used += n
      starts = grown(starts, slot + 2, (k) => new Uint32Array(k))
      hashes = grown(hashes, slot + 1, (k) => new Uint32Array(k))
      starts[slot + 1] = used
      hashes[slot] = h
      table[cell] = slot + 1
      count += 1
      if (count * 2 > table.length) rehash()
      return slot
    },
    keyAt: (slot) => {
      if (!(slot >= 0 && slot < count)) throw new RangeError(`no key at slot ${slot}`)
      const from = starts[slot]!
      const to = starts[slot + 1]!
      return arena.toString(arena[from] === PACKED_HEX ? "hex" : "utf8", from + 1, to)
    }
  }
}
