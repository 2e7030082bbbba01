// Tests for the local dataset plugin: JSONL, JSON (array and keyed object) and Parquet files with field mapping.
import { it as eit } from "@effect/vitest"
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import * as path from "node:path"
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import plugin from "../../../../plugins/dataset/local/index.ts"
import { writeParquet } from "../../../support/hub/parquet-writer.ts"
import { loadWith, schemaProblems, testHost } from "../test-host.ts"

const root = mkdtempSync(path.join(tmpdir(), "local-ds-"))
const specDir = path.join(root, "spec")
const host = testHost({ cacheDir: path.join(root, "cache"), specDir })

beforeAll(() => {
  mkdirSync(path.join(specDir, "data"), { recursive: true })
  writeFileSync(path.join(specDir, "data", "p.jsonl"), [
    JSON.stringify({ uid: "a", problem: "What is 1+1?", answer: 2.0, level: 1, nested: { src: "x" } }),
    "",
    JSON.stringify({ uid: "b", problem: "List primes below 5", answer: [2, 3], level: 2 }),
    JSON.stringify({ uid: "c", problem: "Name it", answer: "  Evelyn ", level: 3 })
  ].join("\n"))
  writeFileSync(path.join(specDir, "data", "keyed.json"), JSON.stringify({
    "7": { question: "Which is larger?", image: "images/7.png", choices: ["A", "B"], answer: "B", metadata: { source: "geo" } },
    "8": { question: "Value?", image: "images/8.jpg", choices: null, answer: "3" }
  }))
  writeFileSync(path.join(specDir, "data", "arr.json"), JSON.stringify([{ q: "x?", a: "1" }, { q: "y?", a: "2" }]))
  writeFileSync(path.join(specDir, "data", "bad.jsonl"), `{"q": "x", "a": "1"}\n{not json}\n`)
  writeFileSync(path.join(specDir, "data", "noanswer.jsonl"), `{"q": "x", "a": ""}\n`)
  writeFileSync(path.join(specDir, "data", "dup.jsonl"), `{"id": 1, "q": "x", "a": "1"}\n{"id": 1, "q": "y", "a": "2"}\n`)
  writeFileSync(path.join(specDir, "data", "t.parquet"), writeParquet([
    { name: "problem", type: "string", values: ["What is 6*7?", "What is 2^10?"] },
    { name: "answer", type: "string", values: ["42", "1024"] },
    { name: "idx", type: "int64", values: [10, 11] }
  ], "ZSTD"))
})

describe("local plugin", () => {
  it("has a complete config schema", () => {
    expect(schemaProblems(plugin.configSchema)).toEqual([])
  })

  eit.effect("maps JSONL records, resolving the path against specDir", () =>
    Effect.gen(function*() {
      const { rows, info } = yield* loadWith(plugin, { path: "data/p.jsonl", fields: { id: "uid", question: "problem", answer: "answer" } }, host)
      expect(info).toEqual({ source: `local:${path.join(specDir, "data", "p.jsonl")}`, rows: 3 })
      expect(rows.map((r) => [r.id, r.reference, r.answerKind])).toEqual([["a", "2", "auto"], ["b", "2, 3", "auto"], ["c", "Evelyn", "auto"]])
      expect(rows[0]?.meta).toEqual({ level: 1 })
    }))

  eit.effect("reads keyed JSON with images as ImageRefs and choices", () =>
    Effect.gen(function*() {
      const { rows } = yield* loadWith(plugin, {
        path: "data/keyed.json", answer_kind: "choice", image_dir: "data",
        fields: { question: "question", answer: "answer", image: "image", choices: "choices" }
      }, host)
      expect(rows[0]).toEqual({
        id: "7", question: "Which is larger?", reference: "B", answerKind: "choice", choices: ["A", "B"],
        image: { path: path.join(specDir, "data", "images", "7.png"), mediaType: "image/png" }
      })
      expect(rows[1]?.image?.mediaType).toBe("image/jpeg")
      expect(rows[1]?.choices).toBeUndefined()
    }))

  eit.effect("reads nested fields with dotted paths, arrays with generated ids, and limit", () =>
    Effect.gen(function*() {
      const keyed = yield* loadWith(plugin, { path: "data/keyed.json", limit: 1, fields: { question: "question", answer: "metadata.source" } }, host)
      expect(keyed.rows.map((r) => r.reference)).toEqual(["geo"])
      const arr = yield* loadWith(plugin, { path: "data/arr.json", fields: { question: "q", answer: "a" } }, host)
      expect(arr.rows.map((r) => r.id)).toEqual(["arr-0", "arr-1"])
    }))

  eit.effect("reads Parquet (zstd pages), turning INT64 into numbers", () =>
    Effect.gen(function*() {
      const { rows } = yield* loadWith(plugin, { path: "data/t.parquet", fields: { id: "idx", question: "problem", answer: "answer" }, answer_kind: "number" }, host)
      expect(rows).toEqual([
        { id: "10", question: "What is 6*7?", reference: "42", answerKind: "number" },
        { id: "11", question: "What is 2^10?", reference: "1024", answerKind: "number" }
      ])
    }))

  eit.effect("fails with tagged errors: missing file, bad line, empty answer, duplicate id, unknown extension", () =>
    Effect.gen(function*() {
      const f = (p: string, fields: object = { question: "q", answer: "a" }) => Effect.flip(loadWith(plugin, { path: p, fields }, host))
      expect((yield* f("data/none.jsonl")).reason).toBe("not-found")
      const bad = yield* f("data/bad.jsonl")
      expect([bad.reason, bad.message]).toEqual(["parse", expect.stringContaining("line 2")])
      expect((yield* f("data/noanswer.jsonl")).reason).toBe("invalid-reference")
      expect((yield* f("data/dup.jsonl", { id: "id", question: "q", answer: "a" })).message).toContain("duplicate id")
      expect((yield* f("data/p.txt")).message).toContain("unknown extension")
    }))
})
