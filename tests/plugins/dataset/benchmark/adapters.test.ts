// Tests for the benchmark adapters with small inline fixtures in each benchmark's real format.
import { it as eit } from "@effect/vitest"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import * as path from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import plugin from "../../../../plugins/dataset/benchmark/index.ts"
import { canonicalInteger, safeId } from "../../../../plugins/dataset/benchmark/adapter.ts"
import { gsm8kFinalAnswer } from "../../../../plugins/dataset/benchmark/adapters/gsm8k.ts"
import { loadWith, schemaProblems, testHost } from "../test-host.ts"

const dir = mkdtempSync(path.join(tmpdir(), "bench-"))
const host = testHost({ cacheDir: path.join(dir, "cache"), specDir: dir })
const jsonl = (name: string, records: ReadonlyArray<object>) => {
  writeFileSync(path.join(dir, name), records.map((r) => JSON.stringify(r)).join("\n") + "\n")
  return name
}
const load = (name: string, file: string, extra: object = {}) => loadWith(plugin, { name, path: file, ...extra }, host)

describe("benchmark helpers", () => {
  it("extracts GSM8K final answers", () => {
    expect(gsm8kFinalAnswer("She makes 9 * 2 = $<<9*2=18>>18.\n#### 18")).toBe("18")
    expect(gsm8kFinalAnswer("a\n#### 1,234")).toBe("1234")
    expect(gsm8kFinalAnswer("no marker 5")).toBeNull()
  })
  it("canonicalises integers and ids", () => {
    expect([canonicalInteger("025"), canonicalInteger("000"), canonicalInteger("-07"), canonicalInteger("1.50")]).toEqual(["25", "0", "-7", "1.50"])
    expect(safeId("test/precalculus/807.json")).toBe("test-precalculus-807")
  })
  it("has a complete config schema", () => {
    expect(schemaProblems(plugin.configSchema)).toEqual([])
  })
})

describe("benchmark adapters", () => {
  eit.effect("gsm8k: number after ####, commas removed, worked solution in meta", () =>
    Effect.gen(function*() {
      const file = jsonl("gsm8k.jsonl", [
        { question: "Janet’s ducks lay 16 eggs per day...", answer: "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\n#### 18" },
        { question: "Big?", answer: "It is 1,000 * 70 = 70,000\n#### 70,000" }
      ])
      const { rows } = yield* load("gsm8k", file)
      expect(rows.map((r) => [r.id, r.reference, r.answerKind])).toEqual([["gsm8k-0", "18", "number"], ["gsm8k-1", "70000", "number"]])
      expect(rows[0]?.meta?.["solution"]).toBe("Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.")
      const bad = yield* Effect.flip(load("gsm8k", jsonl("gsm8k-bad.jsonl", [{ question: "q", answer: "no final line" }])))
      expect(bad.reason).toBe("invalid-reference")
    }))

  eit.effect("math500: answer field, id from unique_id, subject and level in meta", () =>
    Effect.gen(function*() {
      const file = jsonl("math500.jsonl", [{
        problem: "Convert the point $(0,3)$ to polar coordinates.", solution: "... $\\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}$.",
        answer: "\\left( 3, \\frac{\\pi}{2} \\right)", subject: "Precalculus", level: 2, unique_id: "test/precalculus/807.json"
      }])
      const { rows } = yield* load("math500", file)
      expect(rows[0]).toMatchObject({
        id: "math500-test-precalculus-807", reference: "\\left( 3, \\frac{\\pi}{2} \\right)", answerKind: "auto",
        meta: { subject: "Precalculus", level: 2, uniqueId: "test/precalculus/807.json" }
      })
    }))

  eit.effect("aime24: leading zeros stripped, number kind", () =>
    Effect.gen(function*() {
      const file = jsonl("aime24.jsonl", [
        { id: 60, problem: "Aya walks...", solution: "...", answer: "204", url: "u" },
        { id: 67, problem: "Find...", solution: "...", answer: "025", url: "u" }
      ])
      const { rows } = yield* load("aime24", file)
      expect(rows.map((r) => [r.id, r.reference, r.answerKind, r.meta?.["rawAnswer"]]))
        .toEqual([["aime24-60", "204", "number", "204"], ["aime24-67", "25", "number", "025"]])
    }))

  eit.effect("amc23: float answers become exact text", () =>
    Effect.gen(function*() {
      writeFileSync(path.join(dir, "amc23.jsonl"), '{"id":0,"problem":"Cities A and B...","answer":27.0,"url":"u"}\n{"id":1,"problem":"Half?","answer":0.5,"url":"u"}\n')
      const { rows } = yield* load("amc23", "amc23.jsonl")
      expect(rows.map((r) => [r.id, r.reference, r.answerKind])).toEqual([["amc23-0", "27", "number"], ["amc23-1", "0.5", "number"]])
    }))

  eit.effect("olympiadbench: $ stripped, multiple answers as a list, unit and flags in meta, context prepended", () =>
    Effect.gen(function*() {
      const file = jsonl("olympiad.jsonl", [
        { id: 1606, subfield: "Combinatorics", context: null, question: "How many moves?", solution: ["..."], final_answer: ["2"], is_multiple_answer: false, unit: null, answer_type: "Numerical", error: null },
        { id: 1610, subfield: "Algebra", context: null, question: "Find f.", solution: ["..."], final_answer: ["$\\frac{1}{2 n+2}$"], is_multiple_answer: false, unit: null, answer_type: "Expression", error: null },
        { id: 1700, subfield: "Number Theory", context: "Let n be odd.", question: "Find all pairs.", solution: ["..."], final_answer: ["$69$,$84$"], is_multiple_answer: true, unit: null, answer_type: "Numerical", error: null },
        { id: 2000, subfield: "Geometry", context: null, question: "Length?", solution: ["..."], final_answer: ["$12$"], is_multiple_answer: false, unit: "cm", answer_type: "Numerical", error: null }
      ])
      const { rows } = yield* load("olympiadbench", file)
      expect(rows.map((r) => [r.id, r.reference, r.answerKind])).toEqual([
        ["olympiadbench-1606", "2", "number"], ["olympiadbench-1610", "\\frac{1}{2 n+2}", "expression"],
        ["olympiadbench-1700", "69,84", "list"], ["olympiadbench-2000", "12", "number"]
      ])
      expect(rows[2]?.question).toBe("Let n be odd.\n\nFind all pairs.")
      expect(rows[2]?.meta).toMatchObject({ isMultipleAnswer: true, finalAnswers: ["69,84"] })
      expect(rows[3]?.meta?.["unit"]).toBe("cm")
    }))

  eit.effect("mathvista: keyed by pid, option texts with choices, precision and unit in meta, image paths", () =>
    Effect.gen(function*() {
      writeFileSync(path.join(dir, "testmini.json"), JSON.stringify({
        "1": { question: "By what distance is the spring compressed?", image: "images/1.jpg", choices: null, unit: null, precision: 1, answer: "1.2", question_type: "free_form", answer_type: "float", pid: "1", metadata: { source: "SciBench" } },
        "3": { question: "∠BOC＝（）", image: "images/3.jpg", choices: ["135°", "140°", "145°", "150°"], unit: null, precision: null, answer: "145°", question_type: "multi_choice", answer_type: "text", pid: "3", metadata: { source: "GeoQA+" } },
        "9": { question: "Length?", query: "Hint: answer with an integer.\nQuestion: Length?", image: "images/9.png", choices: null, unit: "cm", precision: null, answer: "6", question_type: "free_form", answer_type: "integer", pid: "9", metadata: {} }
      }))
      const { rows } = yield* load("mathvista", "testmini.json")
      expect(rows.map((r) => [r.id, r.reference, r.answerKind])).toEqual([["mathvista-1", "1.2", "number"], ["mathvista-3", "145°", "choice"], ["mathvista-9", "6", "number"]])
      expect(rows[1]?.choices).toEqual(["135°", "140°", "145°", "150°"])
      expect(rows[0]?.image).toEqual({ path: path.join(dir, "images", "1.jpg"), mediaType: "image/jpeg" })
      expect(rows[0]?.meta).toMatchObject({ precision: 1, source: "SciBench" })
      expect(rows[2]?.question.startsWith("Hint:")).toBe(true)
      expect(rows[2]?.meta?.["unit"]).toBe("cm")
      writeFileSync(path.join(dir, "mv-bad.json"), JSON.stringify({ "1": { question: "q", image: "i.png", choices: ["a", "b"], answer: "c", question_type: "multi_choice", pid: "1" } }))
      expect((yield* Effect.flip(load("mathvista", "mv-bad.json"))).reason).toBe("invalid-reference")
    }))

  eit.effect("chartqa: JSON array or JSONL, relaxed-number, images under png/ or image_dir", () =>
    Effect.gen(function*() {
      writeFileSync(path.join(dir, "test_human.json"), JSON.stringify([
        { imgname: "41699051005347.png", query: "How many food item is shown in the bar graph?", label: "14" },
        { imgname: "8127.png", query: "Is the sum value of Madagascar more then Fiji?", label: "No" }
      ]))
      const { rows } = yield* load("chartqa", "test_human.json")
      expect(rows.map((r) => [r.id, r.reference, r.answerKind])).toEqual([["chartqa-0", "14", "relaxed-number"], ["chartqa-1", "No", "relaxed-number"]])
      expect(rows[0]?.image).toEqual({ path: path.join(dir, "png", "41699051005347.png"), mediaType: "image/png" })
      const viaJsonl = yield* load("chartqa", jsonl("chartqa.jsonl", [{ imgname: "a.png", query: "q?", label: "[x, y]" }]), { image_dir: "charts", limit: 1 })
      expect(viaJsonl.rows[0]?.image?.path).toBe(path.join(dir, "charts", "a.png"))
      expect(viaJsonl.rows[0]?.reference).toBe("[x, y]")
    }))
})
