import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { commit, entryDir, lookup, prepare } from "../../src/store/store.ts"
import { openSampleLog, readSampleLog } from "../../src/store/sample-log.ts"
import { tryLock } from "../../src/store/lock.ts"

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

  it("a lock held by a live process is refused; a stale one is taken over", () => {
    const file = path.join(tmp(), ".lock")
    const a = tryLock(file, "x")
    expect("release" in a).toBe(true)
    const b = tryLock(file, "y")
    expect("owner" in b && b.owner.pid).toBe(process.pid)
    if ("release" in a) a.release()
    fs.writeFileSync(file, JSON.stringify({ pid: 2 ** 22 + 12345, experiment: "dead", since: "" }))
    const c = tryLock(file, "z")
    expect("release" in c).toBe(true)
  })
})
