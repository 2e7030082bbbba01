// Append-only JSON-lines checkpoint of finished samples, fsynced in batches; survives kill -9.
import * as fs from "node:fs"
import * as path from "node:path"
import { guarded, storeError } from "./errors.ts"

/** Reads the complete records of a sample log; a torn last line (from a crash) is dropped. */
export const readSampleLog = <T>(file: string): T[] => {
  if (!fs.existsSync(file)) return []
  const text = guarded("read", file, "cannot read the sample log", () => fs.readFileSync(file, "utf8"))
  const lines = text.split("\n")
  const out: T[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim() === "") continue
    try {
      out.push(JSON.parse(line) as T)
    } catch {
      if (i < lines.length - 1) throw storeError("corrupted", file, "corrupted sample record at", undefined, i + 1)
    }
  }
  return out
}

/**
 * An open sample log. `append` writes each record at once (so a killed process loses nothing it appended);
 * fsync runs every `batch` records and on `flush`, bounding what an operating-system crash could lose.
 * Every method throws a StoreError naming the file when the disk refuses.
 */
export interface SampleLog<T> {
  readonly append: (record: T) => void
  readonly flush: () => void
  readonly close: () => void
}

/** Opens a sample log for appending, first truncating a torn last line left by a crash. */
export const openSampleLog = <T>(file: string, batch = 16): SampleLog<T> => {
  const fd = guarded("write", file, "cannot open the sample log", () => {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    if (fs.existsSync(file)) {
      const text = fs.readFileSync(file, "utf8")
      const cut = text.lastIndexOf("\n") + 1
      if (cut !== text.length) fs.truncateSync(file, cut)
    }
    return fs.openSync(file, "a")
  })
  let unsynced = 0
  const flush = () => {
    if (unsynced === 0) return
    guarded("write", file, "cannot sync the sample log", () => fs.fsyncSync(fd))
    unsynced = 0
  }
  return {
    append: (record) => {
      guarded("write", file, "cannot append to the sample log", () => fs.writeSync(fd, JSON.stringify(record) + "\n"))
      if (++unsynced >= batch) flush()
    },
    flush,
    close: () => {
      try {
        flush()
      } finally {
        fs.closeSync(fd)
      }
    }
  }
}
