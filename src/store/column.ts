// A growing array of numbers in fixed-size typed-array pages: one value per slot, off the V8 heap, never copied.

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

/** log2 of the entries of a page, per kind: 64 KiB pages. */
const PAGE_BITS = { f64: 13, u32: 14, u8: 16 } as const

const FIRST = 64

/**
 * A column of `kind`: `f64` (any number), `u32` (0 to 2^32 - 1) or `u8` (0 to 255); values outside wrap as typed
 * arrays do. The first page doubles from 64 entries up to 64 KiB; after it, whole pages are added and none is
 * copied or freed, so a column that grows for a whole run leaves no freed buffers behind for malloc to hold on to.
 */
export const column = (kind: keyof typeof makers): Column => {
  const make = makers[kind]
  const bits = PAGE_BITS[kind]
  const size = 1 << bits
  const mask = size - 1
  const pages: Array<Typed | undefined> = [make(FIRST)]
  return {
    get: (slot) => {
      const page = pages[slot >>> bits]
      const at = slot & mask
      return page !== undefined && at < page.length ? page[at]! : 0
    },
    set: (slot, value) => {
      const p = slot >>> bits
      const at = slot & mask
      let page = pages[p]
      if (page === undefined || at >= page.length) {
        const grown = make(p === 0 ? Math.min(size, Math.max(FIRST, 2 ** Math.ceil(Math.log2(at + 1)))) : size)
        if (page !== undefined) grown.set(page)
        while (pages.length <= p) pages.push(undefined)
        pages[p] = page = grown
      }
      page[at] = value
    }
  }
}
