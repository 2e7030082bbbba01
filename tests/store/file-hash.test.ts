// Streaming file hashes: equal to the sha256 of the whole file for any size around the chunk; failures name the file.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { createHash, randomBytes } from "node:crypto"
import { describe, expect, it } from "vitest"
import { StoreError } from "../../src/store/errors.ts"
import { HASH_CHUNK, sha256File } from "../../src/store/file-hash.ts"

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "file-hash-"))
const whole = (b: Buffer) => createHash("sha256").update(b).digest("hex")

describe("sha256File", () => {
  it("equals the sha256 of the whole file, below, at and above the chunk size", () => {
    for (const size of [0, 1, 4095, 4096, 4097, 3 * 4096 + 5]) {
      const bytes = randomBytes(size)
      const file = path.join(dir, `f${size}`)
      fs.writeFileSync(file, bytes)
      expect(sha256File(file, "cannot read", 4096)).toBe(whole(bytes))
    }
  })

  it("hashes a file larger than the default chunk", () => {
    const bytes = randomBytes(2 * HASH_CHUNK + 17)
    const file = path.join(dir, "big")
    fs.writeFileSync(file, bytes)
    expect(sha256File(file)).toBe(whole(bytes))
  })

  it("fails with a StoreError naming a missing file", () => {
    const file = path.join(dir, "absent")
    expect(() => sha256File(file, "cannot hash")).toThrow(StoreError)
    expect(() => sha256File(file, "cannot hash")).toThrow(`cannot hash ${file}: no such file`)
  })
})
