// Append-only JSON-lines checkpoint of finished samples, fsynced in batches; survives kill -9.
import * as fs from "node:fs"
import * as path from "node:path"

/** Reads the complete records of a sample log; a torn last line (from a crash) is dropped. */
export const readSampleLog = <T>(file: string): T[] => {
  if (!fs.existsSync(file)) return []
  const text = fs.readFileSync(file, "utf8")
  const lines = text.split("\n")
  const out: T[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line.trim() === "") continue
    try {
      out.push(JSON.parse(line) as T)
    } catch {
      if (i < lines.length - 1) throw new Error(`${file}:${i + 1}: corrupted sample record`)
    }
  }
  return out
}

/**
 * An open sample log. `append` writes each record at once (so a killed process loses nothing it appended);
 * fsync runs every `batch` records and on `flush`, bounding what an operating-system crash could lose.
 */
export interface SampleLog<T> {
  readonly append: (record: T) => void
  readonly flush: () => void
  readonly close: () => void
}

/** Opens a sample log for appending, first truncating a torn last line left by a crash. */
export const openSampleLog = <T>(file: string, batch = 16): SampleLog<T> => {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, "utf8")
    const cut = text.lastIndexOf("\n") + 1
    if (cut !== text.length) fs.truncateSync(file, cut)
  }
  const fd = fs.openSync(file, "a")
  let unsynced = 0
  const flush = () => {
    if (unsynced === 0) return
    fs.fsyncSync(fd)
    unsynced = 0
  }
  return {
    append: (record) => {
      fs.writeSync(fd, JSON.stringify(record) + "\n")
      if (++unsynced >= batch) flush()
    },
    flush,
    close: () => {
      flush()
      fs.closeSync(fd)
    }
  }
}
