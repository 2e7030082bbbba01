// A growing array of numbers in a typed array: one value per KeySlots slot, off the V8 heap.

/** Numbers indexed by slot; unset slots read 0. */
export interface Column {
  readonly get: (slot: number) => number
  readonly set: (slot: number, value: number) => void
}

type Typed = Float64Array | Uint32Array | Uint8Array
const makers = {
  f64: (n: number): Typed => new Float64Array(n),
  u32: (n: number): Typed => new Uint32Array(n),
  u8: (n: number): Typed => new Uint8Array(n)
} as const

/** A column of `kind`: `f64` (any number), `u32` (0 to 2^32 - 1) or `u8` (0 to 255); values outside wrap as typed arrays do. */
export const column = (kind: keyof typeof makers): Column => {
  const make = makers[kind]
  let values = make(64)
  return {
    get: (slot) => (slot < values.length ? values[slot]! : 0),
    set: (slot, value) => {
      if (slot >= values.length) {
        let n = values.length
        while (n <= slot) n *= 2
        const bigger = make(n)
        bigger.set(values)
        values = bigger
      }
      values[slot] = value
    }
  }
}
