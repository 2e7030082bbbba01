// Agreement of the math judge with real benchmark files (skipped when ../shared/data, or DISTILL_SHARED_DATA, is absent).
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { JudgeError, type JudgeInput } from "../../../../src/plugins/index.ts"
import { gradeMath } from "../../../../plugins/judge/math/math-judge.ts"

const dataDir = process.env["DISTILL_SHARED_DATA"] ?? path.resolve(import.meta.dirname, "../../../../../shared/data")
const present = fs.existsSync(dataDir)

const jsonl = (file: string): ReadonlyArray<Record<string, unknown>> =>
  fs.readFileSync(path.join(dataDir, file), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>)

/** Share of inputs whose verdict is the expected one; prints the rate and the first misses. */
const agreement = (name: string, inputs: ReadonlyArray<JudgeInput>, expected: "correct" | "incorrect"): number => {
  const misses = inputs.filter((input) => {
    const v = gradeMath(input)
    return v instanceof JudgeError || v.verdict !== expected
  })
  const rate = 1 - misses.length / inputs.length
  console.log(`${name}: ${(rate * 100).toFixed(1)}% of ${inputs.length} ${expected}`)
  for (const m of misses.slice(0, 5)) console.log(`  miss: ref=${JSON.stringify(m.ref)} pred=${JSON.stringify(m.pred.slice(-80))}`)
  return rate
}

describe.skipIf(!present)("math judge on shared benchmark data", () => {
  it("MATH-500: each row's own solution matches its answer", () => {
    const rows = jsonl("math500/test.jsonl")
    const inputs = rows.map((r) => ({ pred: String(r.solution), ref: String(r.answer) }))
    expect(agreement("MATH-500 solution vs answer", inputs, "correct")).toBeGreaterThanOrEqual(0.99)
  })

  it("MATH-500: a neighbouring row's answer is rejected", () => {
    const rows = jsonl("math500/test.jsonl")
    const inputs = rows
      .map((r, i) => ({ pred: `\\boxed{${String(rows[(i + 1) % rows.length]!.answer)}}`, ref: String(r.answer) }))
      .filter((x) => x.pred !== `\\boxed{${x.ref}}`)
    expect(agreement("MATH-500 neighbour answers", inputs, "incorrect")).toBeGreaterThanOrEqual(0.98)
  })

  it("AIME24 and AMC23: \\boxed{answer} matches, \\boxed{answer+1} does not", () => {
    const rows = [...jsonl("aime24/test.jsonl"), ...jsonl("amc23/test.jsonl")]
    const right = rows.map((r) => ({ pred: `Final Answer: \\boxed{${Number(r.answer)}}`, ref: String(r.answer) }))
    const wrong = rows.map((r) => ({ pred: `Final Answer: \\boxed{${Number(r.answer) + 1}}`, ref: String(r.answer) }))
    expect(agreement("AIME24+AMC23 boxed answer", right, "correct")).toBe(1)
    expect(agreement("AIME24+AMC23 boxed answer+1", wrong, "incorrect")).toBe(1)
  })

  it("GSM8K: each worked solution matches the number after ####", () => {
    const rows = jsonl("gsm8k/test.jsonl")
    const inputs = rows.map((r) => {
      const answer = String(r.answer)
      return { pred: answer, ref: answer.split("####").pop()!.trim().replace(/,/g, "") }
    })
    expect(agreement("GSM8K solution vs ####", inputs, "correct")).toBeGreaterThanOrEqual(0.99)
  })

  it("OlympiadBench: the final answer, boxed, matches itself", () => {
    const rows = jsonl("olympiadbench/test.jsonl")
    const inputs = rows.map((r) => {
      const ref = (r.final_answer as ReadonlyArray<string>).join(",")
      return { pred: `So the answer is \\boxed{${ref.replace(/\$/g, "")}}.`, ref }
    })
    expect(agreement("OlympiadBench boxed final answer", inputs, "correct")).toBeGreaterThanOrEqual(0.99)
  })

  it("MathVista: the option letter of the answer matches, another letter does not", () => {
    const data = JSON.parse(fs.readFileSync(path.join(dataDir, "mathvista/testmini.json"), "utf8")) as Record<string, Record<string, unknown>>
    const mc = Object.values(data).filter((r) => r.question_type === "multi_choice")
    const letter = (i: number) => String.fromCharCode(65 + i)
    const right = mc.map((r) => {
      const choices = r.choices as ReadonlyArray<string>
      return { pred: `Answer: ${letter(choices.indexOf(String(r.answer)))}`, ref: String(r.answer), choices }
    })
    const wrong = mc.map((r) => {
      const choices = r.choices as ReadonlyArray<string>
      return { pred: `Answer: ${letter((choices.indexOf(String(r.answer)) + 1) % choices.length)}`, ref: String(r.answer), choices }
    })
    expect(agreement("MathVista letter of answer", right, "correct")).toBe(1)
    expect(agreement("MathVista other letter", wrong, "incorrect")).toBeGreaterThanOrEqual(0.99)
  })

  it("ChartQA: each label in an <answer> tag matches itself under relaxed accuracy", () => {
    const rows = jsonl("chartqa/test_human.first134.jsonl")
    const inputs = rows.map((r) => ({ pred: `<think>\nread\n</think>\n<answer>${String(r.label)}</answer>`, ref: String(r.label), answerKind: "relaxed-number" as const }))
    expect(agreement("ChartQA label", inputs, "correct")).toBe(1)
  })
})
