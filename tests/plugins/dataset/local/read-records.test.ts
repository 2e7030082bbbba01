// Tests for the record parsers (pure parts).
import { describe, expect, it } from "vitest"
import { formatFromPath, parseJsonDocument, parseJsonl, plainValue } from "../../../../plugins/dataset/local/read-records.ts"

describe("record parsers", () => {
  it("infers formats from extensions", () => {
    expect([formatFromPath("a.JSONL"), formatFromPath("a.ndjson"), formatFromPath("a.json"), formatFromPath("a.parquet"), formatFromPath("a.csv")])
      .toEqual(["jsonl", "jsonl", "json", "parquet", null])
  })
  it("parses JSON lines and reports the bad line", () => {
    expect(parseJsonl('{"a":1}\r\n\n{"a":2}\n')).toEqual([{ value: { a: 1 } }, { value: { a: 2 } }])
    expect(parseJsonl('{"a":1}\n[1]\n')).toBe("line 2: expected a JSON object")
  })
  it("parses arrays and keyed objects, rejecting other shapes", () => {
    expect(parseJsonDocument('[{"a":1}]')).toEqual([{ value: { a: 1 } }])
    expect(parseJsonDocument('{"5":{"a":1}}')).toEqual([{ key: "5", value: { a: 1 } }])
    expect(typeof parseJsonDocument('{"5":3}')).toBe("string")
    expect(typeof parseJsonDocument("3")).toBe("string")
  })
  it("turns bigints into numbers when exact, strings otherwise", () => {
    expect(plainValue({ a: 5n, b: [2n ** 60n], c: "x" })).toEqual({ a: 5, b: ["1152921504606846976"], c: "x" })
  })
})
