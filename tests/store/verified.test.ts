// Remembered hash checks: an unchanged output is trusted without reading it; any write after its check is caught.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { commit, lookup, prepare } from "../../src/store/store.ts"
import { forgetVerified, knownHash, saveVerified, SETTLE_MS, settled, stillVerified } from "../../src/store/verified.ts"

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "verified-"))
const stamp = { size: 7, mtimeMs: 1_000, ctimeMs: 1_000, ino: 42 }

afterEach(() => forgetVerified())

/** A committed entry whose one output, `out.bin`, was written `SETTLE_MS` ago (the test waits that long). */
const settledEntry = async (root: string) => {
  const dir = prepare(root, "train", "k")
  fs.writeFileSync(path.join(dir, "out.bin"), "weights")
  commit(root, { key: "k", kind: "train", id: "t", seconds: 1, summary: {} })
  await new Promise((r) => setTimeout(r, SETTLE_MS + 100))
  return path.join(dir, "out.bin")
}

describe("remembered hash checks", () => {
  it("trust a stamp only while size, times, inode and the expected hash are all unchanged", () => {
    expect(stillVerified({ ...stamp, sha256: "a" }, stamp, "a")).toBe(true)
    expect(stillVerified(undefined, stamp, "a")).toBe(false)
    expect(stillVerified({ ...stamp, sha256: "a" }, stamp, "b")).toBe(false)
    for (const change of [{ size: 8 }, { mtimeMs: 1_001 }, { ctimeMs: 1_000.5 }, { ino: 43 }]) {
      expect(stillVerified({ ...stamp, sha256: "a" }, { ...stamp, ...change }, "a")).toBe(false)
    }
  })

  it("remember nothing about a file written within the settle time of its check", () => {
    expect(settled(stamp, 1_000 + SETTLE_MS - 1)).toBe(false)
    expect(settled(stamp, 1_000 + SETTLE_MS)).toBe(true)
    const root = tmp()
    const dir = prepare(root, "mix", "k")
    fs.writeFileSync(path.join(dir, "out.jsonl"), "x\n")
    commit(root, { key: "k", kind: "mix", id: "m", seconds: 1, summary: {} })
    expect(lookup(root, "mix", "k").state).toBe("complete")
    expect(knownHash(root, path.join(dir, "out.jsonl"))).toBeUndefined()
  })

  it("a settled output is remembered across processes, and a same-size edit after the check is still found", async () => {
    const root = tmp()
    const file = await settledEntry(root)
    expect(lookup(root, "train", "k").state).toBe("complete")
    expect(knownHash(root, file)?.sha256).toMatch(/^[0-9a-f]{64}$/)
    saveVerified()
    forgetVerified()
    expect(knownHash(root, file)).toMatchObject({ size: 7 })
    expect(lookup(root, "train", "k").state).toBe("complete")
    fs.writeFileSync(file, "weightz")
    expect(lookup(root, "train", "k")).toEqual({ state: "corrupted", problem: "corrupted out.bin" })
  }, 10_000)

  it("an output replaced by another file of the same content is hashed again and stays complete", async () => {
    const root = tmp()
    const file = await settledEntry(root)
    expect(lookup(root, "train", "k").state).toBe("complete")
    const before = knownHash(root, file)
    fs.copyFileSync(file, `${file}.copy`)
    fs.renameSync(`${file}.copy`, file)
    expect(lookup(root, "train", "k").state).toBe("complete")
    expect(knownHash(root, file)?.ino).not.toBe(before?.ino)
  }, 10_000)
})
