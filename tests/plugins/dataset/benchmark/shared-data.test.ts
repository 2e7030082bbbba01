// Optional checks over the real benchmark files in ../shared/data (skipped when that folder is absent).
import { existsSync } from "node:fs"
import * as path from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { BenchmarkName } from "../../../../plugins/dataset/benchmark/adapters/index.ts"
import { loadBenchmark } from "../../../../plugins/dataset/benchmark/load.ts"

const DATA = path.resolve(import.meta.dirname, "../../../../../shared/data")
const present = existsSync(DATA)

const FILES: ReadonlyArray<readonly [BenchmarkName, string, number]> = [
  ["gsm8k", "gsm8k/test.jsonl", 1319],
  ["math500", "math500/test.jsonl", 500],
  ["aime24", "aime24/test.jsonl", 30],
  ["amc23", "amc23/test.jsonl", 40],
  ["olympiadbench", "olympiadbench/test.jsonl", 675],
  ["mathvista", "mathvista/testmini.json", 1000],
  ["chartqa", "chartqa/test_human.first134.jsonl", 134]
]

describe.skipIf(!present)("benchmark files in ../shared/data", () => {
  it.each(FILES)("%s loads %s with %i rows, unique ids and no empty reference", async (name, file, count) => {
    const { rows, info } = await Effect.runPromise(loadBenchmark({ name, file: path.join(DATA, file) }))
    expect(rows).toHaveLength(count)
    expect(info.rows).toBe(count)
    expect(rows.every((r) => r.reference.trim() !== "" && r.question.trim() !== "")).toBe(true)
    expect(new Set(rows.map((r) => r.id)).size).toBe(count)
  })

  it("gives AMC integer references without '.0' and AIME references without leading zeros", async () => {
    const amc = await Effect.runPromise(loadBenchmark({ name: "amc23", file: path.join(DATA, "amc23/test.jsonl") }))
    expect(amc.rows.every((r) => /^-?\d+$/u.test(r.reference))).toBe(true)
    const aime = await Effect.runPromise(loadBenchmark({ name: "aime24", file: path.join(DATA, "aime24/test.jsonl") }))
    expect(aime.rows.every((r) => /^(0|[1-9]\d*)$/u.test(r.reference))).toBe(true)
  })

  it("keeps MathVista multiple-choice references among their choices", async () => {
    const { rows } = await Effect.runPromise(loadBenchmark({ name: "mathvista", file: path.join(DATA, "mathvista/testmini.json") }))
    const mc = rows.filter((r) => r.answerKind === "choice")
    expect(mc.length).toBeGreaterThan(400)
    expect(mc.every((r) => r.choices?.includes(r.reference))).toBe(true)
    expect(rows.every((r) => r.image?.mediaType.startsWith("image/"))).toBe(true)
  })
})
