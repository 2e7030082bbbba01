// JSON-lines files: stream or read all records, write a whole file atomically; failures are StoreErrors naming file and line.
import * as fs from "node:fs"
import { writeLinesAtomic } from "./atomic.ts"
import { guarded, storeError } from "./errors.ts"
import { spanIndex, type Span } from "./span-index.ts"

/** One line of a file as read from disk. */
export interface FileLine {
  readonly text: string
  /** 1-based line number. */
  readonly number: number
  /** Byte offset of the line's first byte. */
  readonly offset: number
  /** Bytes of the line, its newline excluded. */
  readonly bytes: number
  /** True for a last line that has no newline (a torn write when the file is append-only). */
  readonly torn: boolean
}

const CHUNK = 1 << 20
const NL = 0x0a

/**
 * The lines of `file`, read in 1 MiB chunks into one reused buffer (grown only for a line longer than it), so memory
 * stays flat in the file's size. `what` names the file in a StoreError when opening or reading fails (a missing
 * file included).
 */
export function* fileLines(file: string, what = "cannot read"): Generator<FileLine> {
  const fd = guarded("read", file, what, () => fs.openSync(file, "r"))
  try {
    let buf = Buffer.allocUnsafe(CHUNK)
    /** Unread bytes are buf[from, end): the start of a line whose newline has not been read yet. */
    let from = 0
    let end = 0
    let position = 0
    let number = 0
    let lineStart = 0
    for (;;) {
      if (from > 0) {
        buf.copy(buf, 0, from, end)
        end -= from
        from = 0
      }
      if (end === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2)
        buf.copy(bigger, 0, 0, end)
        buf = bigger
      }
      const target = buf
      const at = end
      const read = guarded("read", file, what, () => fs.readSync(fd, target, at, target.length - at, position))
      if (read === 0) break
      position += read
      end += read
      const data = buf.subarray(0, end)
      for (let nl = data.indexOf(NL, at); nl >= 0; nl = data.indexOf(NL, from)) {
        number += 1
        yield { text: data.toString("utf8", from, nl), number, offset: lineStart, bytes: nl - from, torn: false }
        lineStart += nl - from + 1
        from = nl + 1
      }
    }
    if (end > from) yield { text: buf.toString("utf8", from, end), number: number + 1, offset: lineStart, bytes: end - from, torn: true }
  } finally {
    fs.closeSync(fd)
  }
}

/** Streams the records of a JSON-lines file; an unparseable line is a `corrupted` StoreError at `file:line`. */
export function* iterateJsonl<T>(file: string): Generator<T> {
  for (const { record } of iterateJsonlSpans<T>(file)) yield record
}

/** Streams the records of a JSON-lines file with where each lies (for `jsonlAt`); an unparseable line is a `corrupted` StoreError at `file:line`. */
export function* iterateJsonlSpans<T>(file: string): Generator<{ readonly record: T; readonly span: Span }> {
  for (const line of fileLines(file)) {
    if (line.text.trim() === "") continue
    let record: T
    try {
      record = JSON.parse(line.text) as T
    } catch {
      throw storeError("corrupted", file, "unparseable record at", undefined, line.number)
    }
    yield { record, span: { offset: line.offset, bytes: line.bytes } }
  }
}

/** Reads records of a JSON-lines file at spans `iterateJsonlSpans` gave, through one descriptor; `close` releases it. */
export const jsonlAt = <T>(file: string): { readonly read: (span: Span) => T; readonly close: () => void } => {
  const fd = guarded("read", file, "cannot read", () => fs.openSync(file, "r"))
  let buf = Buffer.allocUnsafe(64 * 1024)
  return {
    read: (span) => {
      if (span.bytes > buf.length) buf = Buffer.allocUnsafe(span.bytes)
      const n = guarded("read", file, "cannot read", () => fs.readSync(fd, buf, 0, span.bytes, span.offset))
      try {
        if (n !== span.bytes) throw new Error("short read")
        return JSON.parse(buf.toString("utf8", 0, n)) as T
      } catch {
        throw storeError("corrupted", file, `unreadable record at byte ${span.offset} of`)
      }
    },
    close: () => fs.closeSync(fd)
  }
}

/**
 * The records of a JSON-lines file by `keyOf` (a later record of a key replaces an earlier one), indexed by offset
 * in a SpanIndex: about 36 bytes a record and no key text held, where a Map of spans takes about 100. `get` reads
 * the record from the file; `close` releases its descriptor.
 */
export const keyedJsonl = <T>(file: string, keyOf: (record: T) => string): { readonly get: (key: string) => T | undefined; readonly close: () => void } => {
  const reader = jsonlAt<T>(file)
  const index = spanIndex()
  // the record the last confirmation read: what `get` returns, without reading it twice
  let confirmed: T | undefined
  const confirm = (key: string) => (span: Span): boolean => {
    const record = reader.read(span)
    confirmed = record
    return keyOf(record) === key
  }
  try {
    for (const { record, span } of iterateJsonlSpans<T>(file)) {
      const key = keyOf(record)
      index.set(key, span, confirm(key))
    }
  } catch (e) {
    reader.close()
    throw e
  }
  return {
    get: (key) => {
      confirmed = undefined
      return index.find(key, confirm(key)) === undefined ? undefined : confirmed
    },
    close: reader.close
  }
}

/** Reads every record of a JSON-lines file; an unparseable line is a `corrupted` StoreError at `file:line`. */
export const readJsonl = <T>(file: string): T[] => [...iterateJsonl<T>(file)]

/** Counts the non-empty lines of a file without holding it. */
export const countLines = (file: string): number => {
  let n = 0
  for (const line of fileLines(file)) if (line.bytes > 0 && line.text.trim() !== "") n += 1
  return n
}

/** Writes records as JSON lines, atomically, streaming them: only a chunk of lines is held as text at a time. */
export const writeJsonl = (file: string, records: Iterable<unknown>): void =>
  writeLinesAtomic(file, (function*() {
    for (const r of records) yield JSON.stringify(r)
  })())
