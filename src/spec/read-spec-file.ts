// Reads a spec file safely: regular files only (never a FIFO, device or directory), at most a size cap, without blocking.
import * as fs from "node:fs"

/** A file's text, or why it cannot be a spec file. */
export type ReadOutcome =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: "missing" | "not-a-file" | "too-large" | "unreadable"; readonly message: string }

const kindOf = (stat: fs.Stats): string =>
  stat.isDirectory() ? "a directory"
    : stat.isFIFO() ? "a FIFO (named pipe)"
    : stat.isCharacterDevice() ? "a character device"
    : stat.isBlockDevice() ? "a block device"
    : stat.isSocket() ? "a socket"
    : "not a regular file"

/**
 * Opens `file` without blocking (a FIFO does not wait for a writer), checks on the open descriptor that it is a
 * regular file no larger than `maxBytes`, and reads at most `maxBytes + 1` bytes (a file that grows is caught too).
 */
export const readSpecFile = (file: string, maxBytes: number): ReadOutcome => {
  let fd: number
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === "ENOENT" || code === "ENOTDIR") return { ok: false, reason: "missing", message: "not found" }
    return { ok: false, reason: "unreadable", message: `cannot be read (${code ?? String(e)})` }
  }
  try {
    const stat = fs.fstatSync(fd)
    if (!stat.isFile()) return { ok: false, reason: "not-a-file", message: `is ${kindOf(stat)}, not a regular file` }
    if (stat.size > maxBytes) return { ok: false, reason: "too-large", message: `is ${stat.size} bytes; a spec file may hold at most ${maxBytes}` }
    const buffer = Buffer.alloc(maxBytes + 1)
    let length = 0
    while (length < buffer.length) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null)
      if (n === 0) break
      length += n
    }
    if (length > maxBytes) return { ok: false, reason: "too-large", message: `is larger than ${maxBytes} bytes, the most a spec file may hold` }
    return { ok: true, text: buffer.subarray(0, length).toString("utf8") }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return { ok: false, reason: "unreadable", message: `cannot be read (${code ?? String(e)})` }
  } finally {
    fs.closeSync(fd)
  }
}
