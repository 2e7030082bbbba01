// Crash-safe file writes: temp file in the same directory, fsync, then rename; failures are StoreErrors.
import * as fs from "node:fs"
import * as path from "node:path"
import { guarded } from "./errors.ts"

const writeAll = (fd: number, data: Uint8Array): void => {
  for (let off = 0; off < data.length;) off += fs.writeSync(fd, data, off)
}

/** Fills a temp file beside `file` through `fill`, fsyncs it and renames it over `file`; the temp file never outlives a failure. */
const replaceAtomically = (file: string, fill: (fd: number) => void): void =>
  guarded("write", file, "cannot write", () => {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`)
    try {
      const fd = fs.openSync(tmp, "w")
      try {
        fill(fd)
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

/** Writes `data` to `file` so that readers see either the old or the complete new content. */
export const writeFileAtomic = (file: string, data: string | Uint8Array): void =>
  replaceAtomically(file, (fd) => writeAll(fd, typeof data === "string" ? Buffer.from(data) : data))

/** Writes JSON (pretty, newline-terminated) atomically. */
export const writeJsonAtomic = (file: string, value: unknown): void =>
  writeFileAtomic(file, JSON.stringify(value, null, 2) + "\n")

/** Writes `lines` (each newline-terminated on disk) to `file` atomically, holding one line at a time. */
export const writeLinesAtomic = (file: string, lines: Iterable<string>): void =>
  replaceAtomically(file, (fd) => { for (const line of lines) writeAll(fd, Buffer.from(line + "\n")) })
