import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import { commit, entryDir, lookup, prepare } from "../../src/store/store.ts"
import { openSampleLog, readSampleLog } from "../../src/store/sample-log.ts"
import { readJsonl } from "../../src/store/jsonl.ts"
import { writeFileAtomic } from "../../src/store/atomic.ts"
import { StoreError } from "../../src/store/errors.ts"
import { HASH_CHUNK } from "../../src/store/file-hash.ts"

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "store-"))

describe("store", () => {
  it("an entry is complete only once its manifest is written", () => {
    const root = tmp()
    expect(lookup(root, "mix", "k1").state).toBe("absent")
    const dir = prepare(root, "mix", "k1")
    fs.writeFileSync(path.join(dir, "out.jsonl"), "x\n")
    expect(lookup(root, "mix", "k1").state).toBe("partial")
    commit(root, { key: "k1", kind: "mix", id: "mix/a", seconds: 1, summary: { n: 1 } })
    const s = lookup(root, "mix", "k1")
    expect(s.state).toBe("complete")
    if (s.state === "complete") expect(s.manifest.files.map((f) => f.path)).toEqual(["out.jsonl"])
  })

  it("a manifest hashes an output larger than the read chunk as its whole bytes, and catches a change in its last chunk", () => {
    const root = tmp()
    const dir = prepare(root, "generate", "k5")
    const bytes = Buffer.alloc(HASH_CHUNK * 2 + 3, "x")
    fs.writeFileSync(path.join(dir, "generations.jsonl"), bytes)
    const m = commit(root, { key: "k5", kind: "generate", id: "g", seconds: 1, summary: {} })
    expect(m.files).toEqual([{ path: "generations.jsonl", bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") }])
    expect(lookup(root, "generate", "k5").state).toBe("complete")
    bytes[bytes.length - 1] = 0x79
    fs.writeFileSync(path.join(dir, "generations.jsonl"), bytes)
    expect(lookup(root, "generate", "k5")).toEqual({ state: "corrupted", problem: "corrupted generations.jsonl" })
  })

  it("detects a corrupted output by its hash and wipes the entry when preparing", () => {
    const root = tmp()
    const dir = prepare(root, "train", "k2")
    fs.writeFileSync(path.join(dir, "model.onnx"), "weights")
    commit(root, { key: "k2", kind: "train", id: "t", seconds: 1, summary: {} })
    fs.writeFileSync(path.join(dir, "model.onnx"), "weightz")
    const s = lookup(root, "train", "k2")
    expect(s.state).toBe("corrupted")
    prepare(root, "train", "k2")
    expect(fs.existsSync(path.join(entryDir(root, "train", "k2"), "model.onnx"))).toBe(false)
  })

  it("a sample log drops a torn last line and resumes appending", () => {
    const file = path.join(tmp(), "samples.jsonl")
    const log = openSampleLog<{ i: number }>(file, 2)
    for (let i = 0; i < 3; i++) log.append({ i })
    log.close()
    fs.appendFileSync(file, '{"i": 3')
    expect(readSampleLog<{ i: number }>(file).map((r) => r.i)).toEqual([0, 1, 2])
    const again = openSampleLog<{ i: number }>(file)
    again.append({ i: 3 })
    again.close()
    expect(readSampleLog<{ i: number }>(file).map((r) => r.i)).toEqual([0, 1, 2, 3])
  })

  it("removes temp files of interrupted writes before committing an entry", () => {
    const root = tmp()
    const dir = prepare(root, "train", "k3")
    fs.mkdirSync(path.join(dir, "checkpoint"))
    fs.writeFileSync(path.join(dir, "checkpoint", "state.pt.4242.tmp"), "half")
    fs.writeFileSync(path.join(dir, ".samples.jsonl.4242.1700000000000.tmp"), "half")
    fs.writeFileSync(path.join(dir, "model.onnx"), "weights")
    const m = commit(root, { key: "k3", kind: "train", id: "t", seconds: 1, summary: {} })
    expect(m.files.map((f) => f.path)).toEqual(["model.onnx"])
    const left = fs.readdirSync(dir, { recursive: true }).map(String).sort()
    expect(left).toEqual(["checkpoint", "manifest.json", "model.onnx"])
  })

  it("counts the time of interrupted attempts in the committed entry's seconds", () => {
    const root = tmp()
    const dir = prepare(root, "generate", "k4")
    const ledger = path.join(dir, ".attempts.json")
    const started = JSON.parse(fs.readFileSync(ledger, "utf8")).startedMs as number
    fs.writeFileSync(ledger, JSON.stringify({ priorSeconds: 0, startedMs: started - 35_000 }))
    fs.writeFileSync(path.join(dir, "generations.jsonl"), "{}\n")
    prepare(root, "generate", "k4")
    const m = commit(root, { key: "k4", kind: "generate", id: "g", seconds: 14, summary: {} })
    expect(m.seconds).toBeGreaterThanOrEqual(49)
    expect(m.seconds).toBeLessThan(52)
    expect(fs.existsSync(ledger)).toBe(false)
  })

  it("reports an unreadable or corrupted log as a StoreError naming the file and line", () => {
    const file = path.join(tmp(), "samples.jsonl")
    fs.writeFileSync(file, '{"i":0}\n{"i":\n{"i":2}\n')
    const caught = (f: () => unknown) => { try { f() } catch (e) { return e } return undefined }
    for (const read of [() => readSampleLog(file), () => readJsonl(file)]) {
      const e = caught(read)
      expect(e).toBeInstanceOf(StoreError)
      expect(e).toMatchObject({ reason: "corrupted", file, line: 2 })
      expect((e as StoreError).message).toContain(`${file}:2`)
    }
    const missing = caught(() => readJsonl(path.join(tmp(), "nope.jsonl")))
    expect(missing).toMatchObject({ _tag: "StoreError", reason: "read" })
    expect((missing as StoreError).message).toMatch(/nope\.jsonl: no such file$/)
    const blocker = path.join(tmp(), "file")
    fs.writeFileSync(blocker, "")
    expect(caught(() => openSampleLog(path.join(blocker, "log.jsonl")))).toMatchObject({ _tag: "StoreError", reason: "write" })
    expect(caught(() => writeFileAtomic(path.join(blocker, "x.json"), "{}"))).toMatchObject({ _tag: "StoreError", reason: "write", file: path.join(blocker, "x.json") })
  })
})
