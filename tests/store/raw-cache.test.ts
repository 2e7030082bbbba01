// The raw response tier: checksummed lines; damaged or edited lines are skipped, counted and set aside; legacy lines upgraded.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { canonicalJson, sha256 } from "../../src/plan/keys.ts"
import { closeRawCaches, RAW_FORMAT, rawCache, type RawRecord } from "../../src/store/raw-cache.ts"

const record = (i: number): RawRecord => ({
  key: `k${i}`, provider: "p", model: "m", attempts: 1, at: "2026-01-01T00:00:00.000Z",
  completion: { text: `answer ${i}`, usage: { inputTokens: 3, outputTokens: 4 }, finishReason: "stop" }
})

const fill = (n: number) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "raw-"))
  const cache = rawCache(root, "p", "m")
  for (let i = 0; i < n; i++) cache.put(record(i))
  closeRawCaches()
  return { root, file: path.join(root, "raw", "p", "m.jsonl") }
}

const lines = (file: string) => fs.readFileSync(file, "utf8").split("\n").filter((l) => l !== "")

describe("raw cache", () => {
  it("skips an unparseable line and an edited answer, counts them and sets them aside", () => {
    const { root, file } = fill(4)
    const l = lines(file)
    l[1] = "{ not json"
    l[2] = l[2]!.replace("answer 2", "answer 666")
    fs.writeFileSync(file, l.join("\n") + "\n")
    const cache = rawCache(root, "p", "m")
    expect(cache.health).toMatchObject({ damaged: 2, upgraded: 0 })
    expect(cache.get("k0")?.completion.text).toBe("answer 0")
    expect(cache.get("k1")).toBeUndefined()
    expect(cache.get("k2")).toBeUndefined()
    expect(cache.get("k3")?.completion.text).toBe("answer 3")
    cache.put(record(2))
    closeRawCaches()
    expect(lines(`${file}.damaged`)).toEqual(["{ not json", l[2]])
    const again = rawCache(root, "p", "m")
    expect(again.health.damaged).toBe(0)
    expect(again.get("k2")?.completion.text).toBe("answer 2")
    expect(again.size()).toBe(3)
    closeRawCaches()
  })

  it("accepts lines written before checksums once and re-writes them with one", () => {
    const { root, file } = fill(2)
    const legacy = lines(file).map((line) => { const { sum: _, v: __, ...r } = JSON.parse(line); return JSON.stringify(r) })
    fs.writeFileSync(file, legacy.join("\n") + "\n")
    const cache = rawCache(root, "p", "m")
    expect(cache.health).toMatchObject({ damaged: 0, upgraded: 2 })
    expect(cache.get("k1")?.completion.text).toBe("answer 1")
    closeRawCaches()
    expect(lines(file).every((line) => typeof JSON.parse(line).sum === "string")).toBe(true)
    expect(rawCache(root, "p", "m").health.upgraded).toBe(0)
    closeRawCaches()
  })

  it("a format-2 line whose text changed in any way, or lost its sum, is damaged", () => {
    const { root, file } = fill(3)
    const l = lines(file)
    l[0] = l[0]!.replace('"attempts":1', '"attempts": 1')
    l[1] = l[1]!.replace(/,"sum":"[0-9a-f]{64}"/u, "")
    fs.writeFileSync(file, l.join("\n") + "\n")
    const cache = rawCache(root, "p", "m")
    expect(cache.health).toMatchObject({ damaged: 2, upgraded: 0 })
    expect([cache.get("k0"), cache.get("k1"), cache.get("k2")?.completion.text]).toEqual([undefined, undefined, "answer 2"])
    closeRawCaches()
  })

  it("drops a torn last line silently (a crash mid-append), as before", () => {
    const { root, file } = fill(2)
    fs.appendFileSync(file, '{"key":"k9","compl')
    const cache = rawCache(root, "p", "m")
    expect(cache.health.damaged).toBe(0)
    expect(cache.size()).toBe(2)
    cache.put(record(9))
    closeRawCaches()
    expect(rawCache(root, "p", "m").get("k9")?.completion.text).toBe("answer 9")
    closeRawCaches()
  })

  it("stores what re-derivation needs, not the full response, under a format version", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "raw-"))
    const cache = rawCache(root, "p", "m")
    const big = { id: "chatcmpl-7", choices: [{ message: { content: "answer 1" } }], padding: "z".repeat(10_000) }
    cache.put({ ...record(1), completion: { ...record(1).completion, thoughts: "because", model: "m-2026", raw: big } })
    expect(cache.get("k1")).toEqual({
      ...record(1), responseId: "chatcmpl-7",
      completion: { ...record(1).completion, thoughts: "because", model: "m-2026" }
    })
    closeRawCaches()
    const file = path.join(root, "raw", "p", "m.jsonl")
    const [line] = lines(file)
    expect(line!.length).toBeLessThan(1_000)
    expect(JSON.parse(line!)).toMatchObject({ v: RAW_FORMAT, responseId: "chatcmpl-7" })
    const [, body, sum] = /^(.*),"sum":"([0-9a-f]{64})"\}$/u.exec(line!)!
    expect(sha256(`${body}}`)).toBe(sum)
    expect(rawCache(root, "p", "m").get("k1")?.completion).toEqual({ ...record(1).completion, thoughts: "because", model: "m-2026" })
    closeRawCaches()
  })

  it("still reads format-1 lines, which carry the full response, checksummed or not", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "raw-"))
    const file = path.join(root, "raw", "p", "m.jsonl")
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const v1 = (i: number) => ({ ...record(i), completion: { ...record(i).completion, raw: { id: `r${i}`, big: "y".repeat(100) } } })
    const summed = { ...v1(0), sum: sha256(canonicalJson(v1(0))) }
    fs.writeFileSync(file, `${JSON.stringify(summed)}
${JSON.stringify(v1(1))}
`)
    const cache = rawCache(root, "p", "m")
    expect(cache.health).toMatchObject({ damaged: 0, upgraded: 1 })
    expect(cache.get("k0")?.completion.text).toBe("answer 0")
    expect(cache.get("k1")?.completion.raw).toEqual({ id: "r1", big: "y".repeat(100) })
    closeRawCaches()
    const again = rawCache(root, "p", "m")
    expect(again.health.upgraded).toBe(0)
    expect([again.get("k0")?.completion.text, again.get("k1")?.completion.text]).toEqual(["answer 0", "answer 1"])
    closeRawCaches()
  })

  it("serves records appended in this process and earlier ones by their place in the file; the first line of a key wins", () => {
    const { root, file } = fill(200)
    const cache = rawCache(root, "p", "m")
    for (let i = 200; i < 400; i++) cache.put(record(i))
    cache.put({ ...record(5), completion: { ...record(5).completion, text: "second" } })
    for (const i of [0, 5, 199, 200, 399]) expect(cache.get(`k${i}`)?.completion.text).toBe(`answer ${i}`)
    expect(cache.size()).toBe(400)
    closeRawCaches()
    const dup = JSON.stringify({ ...record(7), v: RAW_FORMAT, completion: { ...record(7).completion, text: "later" } })
    fs.appendFileSync(file, `${dup.slice(0, -1)},"sum":"${sha256(dup)}"}\n`)
    const again = rawCache(root, "p", "m")
    expect(again.health).toMatchObject({ damaged: 0, upgraded: 0 })
    expect([again.get("k7")?.completion.text, again.get("k399")?.completion.text]).toEqual(["answer 7", "answer 399"])
    closeRawCaches()
  })

  it("indexes sha256 keys (packed in the compact index) across a reopen, beside keys of any other form", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "raw-"))
    const cache = rawCache(root, "p", "m")
    const keyOf = (i: number) => sha256(`prompt ${i}`)
    for (let i = 0; i < 3_000; i++) cache.put({ ...record(i), key: keyOf(i) })
    cache.put(record(1))
    closeRawCaches()
    const again = rawCache(root, "p", "m")
    expect(again.size()).toBe(3_001)
    const wrong = [...Array(3_000).keys()].filter((i) => again.get(keyOf(i))?.completion.text !== `answer ${i}`)
    expect(wrong).toEqual([])
    expect(again.get("k1")?.completion.text).toBe("answer 1")
    expect(again.get(sha256("prompt 3000"))).toBeUndefined()
    expect(again.get(keyOf(5).toUpperCase())).toBeUndefined()
    closeRawCaches()
  })
})
