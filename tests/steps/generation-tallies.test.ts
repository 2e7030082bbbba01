// Generation tallies: the compact done-set and totals answer exactly as a map of each sample's last record would.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { latestRecords, type GenerationRecord } from "../../src/steps/generate.ts"
import { sampleId, tallied, tallyGenerations } from "../../src/steps/generation-tallies.ts"
import { openSampleLog, readSampleLog } from "../../src/store/sample-log.ts"

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tallies-"))

/** A log of `n` problems x 2 samples with dead letters, retries that succeed or die again, cached and paid answers. */
const writeLog = (file: string, n: number): void => {
  const lines: string[] = []
  const rec = (p: number, s: number, status: "ok" | "dead", extra: Partial<GenerationRecord> = {}): GenerationRecord => ({
    problemId: `syn-${p.toString(16)}`, sampleIndex: s, status, rawKey: "k", text: status === "ok" ? "t" : "", ...extra
  })
  for (let p = 0; p < n; p++) {
    for (let s = 0; s < 2; s++) {
      const ok = rec(p, s, "ok", { usage: { inputTokens: p % 7, outputTokens: 10 + s }, costUsd: 0.001 * (p % 5), fromCache: p % 4 === 0 })
      const dead = rec(p, s, "dead", { error: { reason: p % 20 < 10 ? "timeout" : "server-error", message: "m", attempts: 3 } })
      if (p % 10 === 3) lines.push(JSON.stringify(dead), JSON.stringify(ok))
      else if (p % 10 === 5) lines.push(JSON.stringify(dead), JSON.stringify(dead))
      else if (p % 10 === 7 && s === 1) lines.push(JSON.stringify(dead))
      else lines.push(JSON.stringify(ok))
    }
  }
  fs.writeFileSync(file, lines.join("\n") + "\n" + '{"problemId":"torn')
}

/** The summary as the node computed it before: a Map of last records, then filters and sums. */
const reference = (file: string) => {
  const all = latestRecords(readSampleLog<GenerationRecord>(file))
  const ok = all.filter((r) => r.status === "ok")
  const sum = (f: (r: GenerationRecord) => number) => ok.reduce((a, r) => a + f(r), 0)
  return {
    samples: all.length, ok: ok.length, dead: all.length - ok.length, fromCache: ok.filter((r) => r.fromCache === true).length,
    inputTokens: sum((r) => r.usage?.inputTokens ?? 0), outputTokens: sum((r) => r.usage?.outputTokens ?? 0),
    costUsd: sum((r) => r.costUsd ?? 0),
    deadReasons: [...new Set(all.filter((r) => r.status !== "ok").map((r) => r.error?.reason ?? "?"))],
    last: new Map(all.map((r) => [sampleId(r.problemId, r.sampleIndex), r.status]))
  }
}

describe("generation tallies", () => {
  it("sum the last outcome of each sample, as a map of last records does (costs up to the order of addition)", () => {
    const file = path.join(dir, "g.jsonl")
    writeLog(file, 3_000)
    const { last: _, costUsd, ...totals } = reference(file)
    const got = tallyGenerations(file).totals()
    expect({ ...got, costUsd: undefined }).toEqual({ ...totals, costUsd: undefined })
    expect(got.costUsd).toBeCloseTo(costUsd, 9)
    expect(totals.dead).toBeGreaterThan(0)
    expect(totals.deadReasons).toEqual(["timeout", "server-error"])
  })

  it("records appended through a tallied log count as the log read afresh does, retries of dead letters included", () => {
    const file = path.join(dir, "live.jsonl")
    writeLog(file, 400)
    const t = tallyGenerations(file)
    const log = tallied(openSampleLog<GenerationRecord>(file), t)
    for (let p = 0; p < 400; p += 10) {
      log.append({ problemId: `syn-${(p + 5).toString(16)}`, sampleIndex: 0, status: "ok", rawKey: "k", text: "t", usage: { inputTokens: 2, outputTokens: 3 }, costUsd: 0.25 })
      log.appendLine(JSON.stringify({ problemId: `new-${p}`, sampleIndex: 0, status: "dead", rawKey: "k", text: "", error: { reason: "quota", message: "m", attempts: 1 } }))
    }
    log.close()
    const { last: _, costUsd, ...fresh } = reference(file)
    const live = t.totals()
    expect({ ...live, costUsd: undefined }).toEqual({ ...fresh, costUsd: undefined })
    expect(live.costUsd).toBeCloseTo(costUsd, 9)
    expect(live.deadReasons).toContain("quota")
  })

  it("recounts from the file when a record supersedes an ok one (a duplicated problem id)", () => {
    const file = path.join(dir, "dup.jsonl")
    const ok = (text: string, out: number) => JSON.stringify({ problemId: "p", sampleIndex: 0, status: "ok", rawKey: "k", text, usage: { inputTokens: 1, outputTokens: out } })
    fs.writeFileSync(file, [ok("a", 5), ok("b", 7)].join("\n") + "\n")
    expect(tallyGenerations(file).totals()).toMatchObject({ samples: 1, ok: 1, outputTokens: 7 })
  })

  it("a done-set that answers like the Set of ids the node built before, with and without --retry-dead", () => {
    const file = path.join(dir, "d.jsonl")
    writeLog(file, 1_000)
    const { last } = reference(file)
    const t = tallyGenerations(file)
    for (const retryDead of [false, true]) {
      const old = new Set([...last].filter(([, status]) => status === "ok" || !retryDead).map(([id]) => id))
      const done = t.done(retryDead)
      expect(done.size).toBe(old.size)
      const probes = [...last.keys(), "syn-ffff#0", "syn-0#2", "syn-0", ""]
      expect(probes.filter((id) => done.has(id) !== old.has(id))).toEqual([])
    }
    expect(t.done(true).size).toBeLessThan(t.done(false).size)
  })

  it("a sample new since opening that is added twice (dead, then ok) counts once, as the log read afresh does", () => {
    const file = path.join(dir, "twice.jsonl")
    writeLog(file, 100)
    const t = tallyGenerations(file)
    const log = tallied(openSampleLog<GenerationRecord>(file), t)
    const fresh = (p: number, status: "ok" | "dead"): GenerationRecord => ({
      problemId: `new-${p}`, sampleIndex: 0, status, rawKey: "k", text: status === "ok" ? "t" : "",
      ...(status === "ok" ? { usage: { inputTokens: 1, outputTokens: 4 } } : { error: { reason: "timeout", message: "m", attempts: 1 } })
    })
    for (let p = 0; p < 50; p++) log.append(fresh(p, p % 5 === 0 ? "dead" : "ok"))
    log.append(fresh(10, "ok"))
    log.close()
    const { last: _, costUsd, ...afresh } = reference(file)
    const live = t.totals()
    expect({ ...live, costUsd: undefined }).toEqual({ ...afresh, costUsd: undefined })
    expect(live.costUsd).toBeCloseTo(costUsd, 9)
    expect(live.samples).toBe(200 + 50)
  })

  it("the done-set holds the samples of the log as opened, with the latest outcome of each; later new samples are not in it", () => {
    const file = path.join(dir, "opened.jsonl")
    writeLog(file, 10)
    const t = tallyGenerations(file)
    const retry = t.done(true)
    expect(retry.has(sampleId("syn-5", 0))).toBe(false)
    const log = tallied(openSampleLog<GenerationRecord>(file), t)
    log.append({ problemId: "syn-5", sampleIndex: 0, status: "ok", rawKey: "k", text: "t" })
    log.append({ problemId: "new-1", sampleIndex: 0, status: "ok", rawKey: "k", text: "t" })
    log.close()
    expect(retry.has(sampleId("syn-5", 0))).toBe(true)
    expect(t.done(false).has(sampleId("new-1", 0))).toBe(false)
    expect(t.totals()).toMatchObject({ samples: 21, ok: reference(file).ok })
  })

  it("a missing log has no samples", () => {
    const t = tallyGenerations(path.join(dir, "absent.jsonl"))
    expect(t.done(false)).toMatchObject({ size: 0 })
    expect(t.totals()).toMatchObject({ samples: 0, ok: 0, dead: 0, deadReasons: [] })
  })
})
