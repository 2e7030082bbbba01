// Streaming JSON-lines reading: lines across chunk boundaries, byte offsets, multi-byte text, torn tails.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { countLines, fileLines, iterateJsonl, iterateJsonlSpans, jsonlAt, keyedJsonl } from "../../src/store/jsonl.ts"

const tmpFile = (content: string | Buffer) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "jsonl-")), "f.jsonl")
  fs.writeFileSync(file, content)
  return file
}

describe("fileLines", () => {
  it("gives each line with its byte offset, also for lines longer than a read chunk and characters split by one", () => {
    const long = "é".repeat(700_000) // 1.4 MB of two-byte characters: crosses the 1 MiB chunk inside a character
    const lines = ["short", long, "", "ünï", "x".repeat(2_100_000)]
    const file = tmpFile(lines.join("\n") + "\n")
    const buf = fs.readFileSync(file)
    const got = [...fileLines(file)]
    expect(got.map((l) => l.text)).toEqual(lines)
    for (const l of got) {
      expect(buf.toString("utf8", l.offset, l.offset + l.bytes)).toBe(l.text)
      expect(buf[l.offset + l.bytes]).toBe(0x0a)
      expect(l.torn).toBe(false)
    }
    expect(got.map((l) => l.number)).toEqual([1, 2, 3, 4, 5])
  })

  it("splits many short lines across several chunk boundaries exactly, and keeps a torn tail after them", () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `{"i":${i},"pad":"${"p".repeat(i % 23)}"}`)
    const file = tmpFile(lines.join("\n") + "\n" + "tail")
    const got = [...fileLines(file)]
    expect(got.length).toBe(lines.length + 1)
    expect(got.slice(0, -1).filter((l, i) => l.text !== lines[i] || l.torn)).toEqual([])
    expect(got.at(-1)).toMatchObject({ text: "tail", torn: true, offset: fs.statSync(file).size - 4, number: lines.length + 1 })
  })

  it("marks a last line without a newline as torn", () => {
    const got = [...fileLines(tmpFile('{"a":1}\n{"a":'))]
    expect(got.map((l) => [l.text, l.torn, l.offset])).toEqual([['{"a":1}', false, 0], ['{"a":', true, 8]])
  })

  it("streams records and counts lines without holding the file", () => {
    const file = tmpFile(Array.from({ length: 5_000 }, (_, i) => JSON.stringify({ i })).join("\n") + "\n\n")
    expect(countLines(file)).toBe(5_000)
    let sum = 0
    for (const r of iterateJsonl<{ i: number }>(file)) sum += r.i
    expect(sum).toBe((4_999 * 5_000) / 2)
  })
})

describe("records by offset", () => {
  const file = () => {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "jsonl-at-")), "r.jsonl")
    fs.writeFileSync(f, ['{"id":"a","v":1}', '{"id":"b","v":"é"}', "", '{"id":"a","v":3}', '{"id":"c","v":4}'].join("\n") + "\n")
    return f
  }

  it("iterateJsonlSpans gives each record's span, and jsonlAt reads it back", () => {
    const f = file()
    const at = jsonlAt<{ id: string; v: unknown }>(f)
    const spans = [...iterateJsonlSpans<{ id: string; v: unknown }>(f)]
    expect(spans.map((s) => s.record.v)).toEqual([1, "é", 3, 4])
    expect(spans.map((s) => at.read(s.span))).toEqual(spans.map((s) => s.record))
    at.close()
  })

  it("keyedJsonl looks records up by key, the later of a repeated key winning, and knows no other key", () => {
    const rows = keyedJsonl<{ id: string; v: unknown }>(file(), (r) => r.id)
    expect(rows.get("a")).toEqual({ id: "a", v: 3 })
    expect(rows.get("b")).toEqual({ id: "b", v: "é" })
    expect(rows.get("c")).toEqual({ id: "c", v: 4 })
    expect(rows.get("d")).toBeUndefined()
    rows.close()
  })

  it("a span that no longer holds a whole record is a corrupted StoreError naming the file", () => {
    const f = file()
    const [first] = [...iterateJsonlSpans<unknown>(f)]
    fs.writeFileSync(f, "{}")
    const at = jsonlAt<unknown>(f)
    expect(() => at.read(first!.span)).toThrow(/unreadable record at byte 0 of .*r\.jsonl/u)
    at.close()
  })
})
