// Streaming sha256 of a file: read in fixed chunks, so hashing a large output holds one chunk, never the whole file.
import * as fs from "node:fs"
import { createHash } from "node:crypto"
import { guarded } from "./errors.ts"

/** Bytes read per call while hashing. */
export const HASH_CHUNK = 1 << 20

let shared: Buffer | undefined

/**
 * Hex sha256 of `file`'s bytes, read `chunk` bytes at a time from one open descriptor. I/O failures are
 * StoreErrors naming the file (`what` says what was being done).
 */
export const sha256File = (file: string, what = "cannot read", chunk = HASH_CHUNK): string =>
  guarded("read", file, what, () => {
    const buf = chunk === HASH_CHUNK ? (shared ??= Buffer.allocUnsafe(HASH_CHUNK)) : Buffer.allocUnsafe(chunk)
    const hash = createHash("sha256")
    const fd = fs.openSync(file, "r")
    try {
      for (let n = fs.readSync(fd, buf, 0, buf.length, null); n > 0; n = fs.readSync(fd, buf, 0, buf.length, null)) {
        hash.update(buf.subarray(0, n))
      }
    } finally {
      fs.closeSync(fd)
    }
    return hash.digest("hex")
  })
