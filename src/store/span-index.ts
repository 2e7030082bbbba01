// Where each line of an append-only log lies, by its key's fingerprint: spans in typed arrays, no key text held.
import { column } from "./column.ts"
import { fingerprintTable } from "./fingerprints.ts"

/** Where a line lies in its file. */
export interface Span {
  readonly offset: number
  readonly bytes: number
}

/**
 * Spans by key, about 36 bytes a key at most (a 64-bit fingerprint, the span, the table cell), however long the
 * keys. A key's fingerprint is not the key: `find` hands every span under it to `confirm`, which reads the line
 * and says whether it holds the key.
 */
export interface SpanIndex {
  /** The first span added under `key`'s fingerprint that `confirm` takes, or undefined. */
  readonly find: (key: string, confirm: (span: Span) => boolean) => Span | undefined
  /** Adds a span for `key` (the caller has made sure the key has none). */
  readonly add: (key: string, span: Span) => void
  /** Points `key` at `span`: the span under its fingerprint that `confirm` takes is replaced, else one is added. */
  readonly set: (key: string, span: Span, confirm: (span: Span) => boolean) => void
  /** The number of spans. */
  readonly size: () => number
}

/** An empty SpanIndex. */
export const spanIndex = (): SpanIndex => {
  const keys = fingerprintTable()
  const offsets = column("f64")
  const lengths = column("u32")
  const spanAt = (slot: number): Span => ({ offset: offsets.get(slot), bytes: lengths.get(slot) })
  return {
    find: (key, confirm) => {
      const slot = keys.find(key, (s) => confirm(spanAt(s)))
      return slot < 0 ? undefined : spanAt(slot)
    },
    add: (key, span) => {
      const slot = keys.add(key)
      offsets.set(slot, span.offset)
      lengths.set(slot, span.bytes)
    },
    set: (key, span, confirm) => {
      const found = keys.find(key, (s) => confirm(spanAt(s)))
      const slot = found < 0 ? keys.add(key) : found
      offsets.set(slot, span.offset)
      lengths.set(slot, span.bytes)
    },
    size: keys.size
  }
}
