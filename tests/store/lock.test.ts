// The store lock across real processes: one winner among simultaneous starters, stale and reused-pid locks taken over.
import { spawn, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { processStart, tryLock } from "../../src/store/lock.ts"
import { StoreError } from "../../src/store/errors.ts"

const racer = path.join(import.meta.dirname, "../fixtures/store/lock-racer.ts")
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "lock-"))

/** Starts `n` processes that all try the lock at the same moment; resolves with their report lines. */
const race = async (file: string, n: number, holdMs: number): Promise<string[]> => {
  const out = path.join(path.dirname(file), `race-${Math.random()}.txt`)
  const startAt = Date.now() + 2500
  const children = Array.from({ length: n }, () =>
    spawn(process.execPath, ["--disable-warning=ExperimentalWarning", racer, file, out, String(startAt), String(holdMs)], { stdio: "inherit" }))
  await Promise.all(children.map((c) => new Promise((r) => c.once("exit", r))))
  return fs.readFileSync(out, "utf8").split("\n").filter((l) => l !== "")
}

describe("store lock", () => {
  it("a lock held by a live process is refused; a dead owner's lock is taken over", () => {
    const file = path.join(tmp(), ".lock")
    const a = tryLock(file, "x")
    expect("release" in a).toBe(true)
    const b = tryLock(file, "y")
    expect("owner" in b && b.owner.pid).toBe(process.pid)
    if ("release" in a) a.release()
    expect(fs.existsSync(file)).toBe(false)
    fs.writeFileSync(file, JSON.stringify({ pid: 2 ** 22 + 12345, experiment: "dead", since: "" }))
    const c = tryLock(file, "z")
    expect("release" in c).toBe(true)
  })

  it("a lock naming a live but unrelated process (pid reused) does not block", () => {
    const file = path.join(tmp(), ".lock")
    const sleeper = spawn("sleep", ["30"])
    try {
      const start = processStart(sleeper.pid!)
      expect(start).toBeDefined()
      fs.writeFileSync(file, JSON.stringify({ pid: sleeper.pid, experiment: "old", since: "", host: os.hostname(), start: String(Number(start) + 7) }))
      const got = tryLock(file, "new")
      expect("release" in got).toBe(true)
      expect(JSON.parse(fs.readFileSync(file, "utf8")).pid).toBe(process.pid)
    } finally {
      sleeper.kill("SIGKILL")
    }
  })

  it("a garbage lock file is taken over; an unwritable store is a typed error naming the file", () => {
    const dir = tmp()
    const file = path.join(dir, ".lock")
    fs.writeFileSync(file, "")
    expect("release" in tryLock(file, "x")).toBe(true)
    const blocked = path.join(dir, "not-a-dir")
    fs.writeFileSync(blocked, "x")
    let error: unknown
    try {
      tryLock(path.join(blocked, ".lock"), "x")
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(StoreError)
    expect((error as StoreError).message).toContain(blocked)
  })

  it("simultaneous processes never hold the lock together, also when a stale lock is there", async () => {
    for (const stale of [false, true]) {
      const file = path.join(tmp(), ".lock")
      if (stale) fs.writeFileSync(file, JSON.stringify({ pid: 2 ** 22 + 999, experiment: "dead", since: "" }))
      const lines = (await race(file, 6, 1200)).map((l) => l.split(" "))
      expect(lines.length).toBe(6)
      const held = lines.filter((l) => l[0] === "win").map((l) => ({ pid: l[1], from: Number(l[2]), to: Number(l[3]) }))
      const refused = lines.filter((l) => l[0] === "lose").map((l) => ({ from: Number(l[2]), to: Number(l[3]), owner: l[4] }))
      const report = lines.map((l) => l.join(" ")).join("\n")
      expect(held.length, report).toBeGreaterThanOrEqual(1)
      expect(refused.length, report).toBeGreaterThanOrEqual(1)
      const sorted = [...held].sort((a, b) => a.from - b.from)
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.from, report).toBeGreaterThanOrEqual(sorted[i - 1]!.to)
      for (const r of refused) {
        const owner = held.find((h) => h.pid === r.owner)
        expect(owner, report).toBeDefined()
        expect(r.from <= owner!.to && r.to >= owner!.from, report).toBe(true)
      }
      expect(fs.existsSync(file)).toBe(false)
    }
  }, 60_000)

  it("the lock of a process killed with SIGKILL is taken by the next run", () => {
    const dir = tmp()
    const file = path.join(dir, ".lock")
    const holder = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", "-e",
      `import(${JSON.stringify(path.join(import.meta.dirname, "../../src/store/lock.ts"))}).then((m) => { m.tryLock(${JSON.stringify(file)}, "k"); process.kill(process.pid, "SIGKILL") })`])
    expect(holder.signal).toBe("SIGKILL")
    expect(fs.existsSync(file)).toBe(true)
    expect("release" in tryLock(file, "next")).toBe(true)
  })
})
