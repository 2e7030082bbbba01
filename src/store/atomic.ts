// Crash-safe file writes: temp file in the same directory, fsync, then rename; failures are StoreErrors.
import * as fs from "node:fs"
import * as path from "node:path"
import { guarded } from "./errors.ts"

/** Writes `data` to `file` so that readers see either the old or the complete new content. */
export const writeFileAtomic = (file: string, data: string | Uint8Array): void =>
  guarded("write", file, "cannot write", () => {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`)
    try {
      const fd = fs.openSync(tmp, "w")
      try {
        fs.writeSync(fd, typeof data === "string" ? Buffer.from(data) : data)
        fs.fsyncSync(fd)
      } finally {
        fs.closeSync(fd)
      }
      fs.renameSync(tmp, file)
    } catch (e) {
      fs.rmSync(tmp, { force: true })
      throw e
    }
  })

/** Writes JSON (pretty, newline-terminated) atomically. */
export const writeJsonAtomic = (file: string, value: unknown): void =>
  writeFileAtomic(file, JSON.stringify(value, null, 2) + "\n")

/** Writes `lines` (each newline-terminated on disk) to `file` atomically, holding one line at a time. */
export const writeLinesAtomic = (file: string, lines: Iterable<string>): void =>
  guarded("write", file, "cannot write", () => {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`)
    try {
      const fd = fs.openSync(tmp, "w")
      try {
        for (const line of lines) {
          const data = Buffer.from(line + "\n")
          for (let off = 0; off < data.length;) off += fs.writeSync(fd, data, off)
        }
        fs.fsyncSync(fd)
      } finally {
        fs.closeSync(fd)
      }
      fs.renameSync(tmp, file)
    } catch (e) {
      fs.rmSync(tmp, { force: true })
      throw e
    }
  })
