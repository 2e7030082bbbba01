// Append-only JSON-lines checkpoint of finished samples: each record written at once, fsyncs grouped off the event loop.
import * as fs from "node:fs"
import * as path from "node:path"
import { guarded, storeError, type StoreError } from "./errors.ts"
import { fileLines } from "./jsonl.ts"

/** Streams the complete records of a sample log; a torn last line (from a crash) is dropped. */
export function* iterateSampleLog<T>(file: string): Generator<T> {
  if (!fs.existsSync(file)) return
  for (const line of fileLines(file, "cannot read the sample log")) {
    if (line.text.trim() === "") continue
    try {
      yield JSON.parse(line.text) as T
    } catch {
      if (!line.torn) throw storeError("corrupted", file, "corrupted sample record at", undefined, line.number)
    }
  }
}

/** Reads the complete records of a sample log; a torn last line (from a crash) is dropped. */
export const readSampleLog = <T>(file: string): T[] => [...iterateSampleLog<T>(file)]

/**
 * An open sample log.
 *
 * Durability, precisely: `append` returns once the record's line is in the operating system (one
 * `write(2)`), so a killed process (`kill -9`, a crash of node) loses nothing appended. An fsync (group
 * commit) runs on libuv's thread pool, never blocking the event loop, once `batch` records are unsynced
 * or `intervalMs` after the first unsynced one, at most one at a time; an operating-system crash or power
 * loss can lose only the records appended since the last completed fsync. `flush` and `close` fsync
 * synchronously. A failed background fsync is thrown (a StoreError naming the file) by the next call.
 */
export interface SampleLog<T> {
  /** Writes one record; returns the byte offset of its line. */
  readonly append: (record: T) => number
  /** As `append`, for a record the caller already serialised (one line, no newline). */
  readonly appendLine: (line: string) => number
  readonly flush: () => void
  readonly close: () => void
}

/** Group-commit settings of a sample log. */
export interface SyncPolicy {
  /** Unsynced records that start an fsync at once. */
  readonly batch: number
  /** Longest time a record waits for its fsync to start. */
  readonly intervalMs: number
}

/** Default group commit: 256 records or 100 ms (at 20 ms, fsyncs on the thread pool cost about 10 µs of CPU per record at 640 records/s). */
export const DEFAULT_SYNC: SyncPolicy = { batch: 256, intervalMs: 100 }

/** The byte length of `file` after dropping a torn last line; only the tail is read. */
const cutTornTail = (file: string): number => {
  const size = fs.statSync(file).size
  if (size === 0) return 0
  const fd = fs.openSync(file, "r")
  try {
    const buf = Buffer.allocUnsafe(64 * 1024)
    for (let end = size; end > 0;) {
      const start = Math.max(0, end - buf.length)
      const n = fs.readSync(fd, buf, 0, end - start, start)
      const nl = buf.subarray(0, n).lastIndexOf(0x0a)
      if (nl >= 0) return start + nl + 1
      end = start
    }
    return 0
  } finally {
    fs.closeSync(fd)
  }
}

/** Opens a sample log for appending, first truncating a torn last line left by a crash. */
export const openSampleLog = <T>(file: string, sync: Partial<SyncPolicy> | number = {}): SampleLog<T> => {
  const { batch, intervalMs } = typeof sync === "number" ? { ...DEFAULT_SYNC, batch: sync } : { ...DEFAULT_SYNC, ...sync }
  let position = 0
  const fd = guarded("write", file, "cannot open the sample log", () => {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    if (fs.existsSync(file)) {
      position = cutTornTail(file)
      if (position !== fs.statSync(file).size) fs.truncateSync(file, position)
    }
    return fs.openSync(file, "a")
  })
  let unsynced = 0
  let syncing = false
  let closed = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let failure: StoreError | undefined
  const rethrow = () => {
    if (failure === undefined) return
    const f = failure
    failure = undefined
    throw f
  }
  const background = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    if (syncing || closed || unsynced === 0) return
    syncing = true
    const covered = unsynced
    fs.fsync(fd, (e) => {
      syncing = false
      if (e !== null) failure ??= storeError("write", file, "cannot sync the sample log", e)
      else unsynced -= Math.min(unsynced, covered)
      if (closed) fs.close(fd, () => {})
      else if (unsynced >= batch) background()
      else if (unsynced > 0) schedule()
    })
  }
  const schedule = () => {
    if (timer !== undefined || syncing) return
    timer = setTimeout(background, intervalMs)
    timer.unref()
  }
  const appendLine = (line: string): number => {
    if (closed) throw storeError("write", file, "cannot append to the closed sample log")
    rethrow()
    const at = position
    const text = line + "\n"
    const bytes = Buffer.byteLength(text)
    guarded("write", file, "cannot append to the sample log", () => {
      // the string is written as it is (no Buffer per record); a short write, which a regular file rarely gives, is
      // finished from its bytes
      let off = fs.writeSync(fd, text)
      if (off < bytes) {
        const data = Buffer.from(text)
        while (off < bytes) off += fs.writeSync(fd, data, off)
      }
    })
    position += bytes
    unsynced += 1
    if (unsynced >= batch) background()
    else schedule()
    return at
  }
  const flush = () => {
    rethrow()
    if (unsynced === 0) return
    guarded("write", file, "cannot sync the sample log", () => fs.fsyncSync(fd))
    unsynced = 0
  }
  return {
    append: (record) => appendLine(JSON.stringify(record)),
    appendLine,
    flush,
    close: () => {
      if (closed) return
      try {
        flush()
      } finally {
        closed = true
        if (timer !== undefined) clearTimeout(timer)
        if (!syncing) fs.closeSync(fd)
      }
    }
  }
}
