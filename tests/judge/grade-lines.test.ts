// Tests of the `distill judge` grading core: line parsing, error lines, order under concurrency.
import { Effect, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { gradeLine, gradeLines } from "../../src/judge/grade-lines.ts"
import { parseInputLine } from "../../src/judge/input-line.ts"
import { JudgeError, type JudgeService } from "../../src/plugins/index.ts"
import { makeMathJudge } from "../../plugins/judge/math/math-judge.ts"

const math = makeMathJudge()
const collect = (s: Stream.Stream<string, unknown>) => Effect.runPromise(Stream.runCollect(s)).then((xs) => xs.map((x) => JSON.parse(x)))

describe("parseInputLine", () => {
  it("reads all fields and numeric references", () => {
    expect(parseInputLine("{\"pred\":\"B\",\"ref\":27.0,\"question\":\"q\",\"choices\":[\"a\",\"b\"],\"answerKind\":\"choice\",\"extra\":1}"))
      .toEqual({ pred: "B", ref: "27", question: "q", choices: ["a", "b"], answerKind: "choice" })
  })
  it.each([
    ["not json", "not JSON"], ["[1]", "not a JSON object"], ["{\"ref\":\"1\"}", "\"pred\""], ["{\"pred\":\"1\"}", "\"ref\""],
    ["{\"pred\":\"1\",\"ref\":\"1\",\"choices\":[1]}", "\"choices\""], ["{\"pred\":\"1\",\"ref\":\"1\",\"answerKind\":\"fuzzy\"}", "\"answerKind\""]
  ])("rejects %s", (line, why) => {
    const r = parseInputLine(line)
    expect("malformed" in r && r.malformed).toContain(why)
  })
})

describe("gradeLines", () => {
  it("emits one line per input, in order, and survives bad lines", async () => {
    const lines = [
      JSON.stringify({ pred: "so \\boxed{27}", ref: 27.0 }),
      "{oops",
      "",
      JSON.stringify({ pred: "\\boxed{5}", ref: "" }),
      JSON.stringify({ pred: "no answer here in this long sentence at all", ref: "3" }),
      JSON.stringify({ pred: "C", ref: "145°", choices: ["135°", "140°", "145°"] }),
      JSON.stringify({ pred: "<answer>66</answer>", ref: "62", answerKind: "relaxed-number" })
    ]
    const out = await collect(gradeLines(Stream.fromIterable(lines), math))
    expect(out).toEqual([
      { verdict: "correct", extracted: "27", by: "rules", detail: "extracted by boxed" },
      { verdict: null, extracted: null, error: { reason: "malformed-line", message: expect.stringContaining("not JSON") } },
      { verdict: null, extracted: null, error: { reason: "bad-reference", message: "the reference answer is empty" } },
      { verdict: "unparseable", extracted: null, by: "rules", detail: "no answer found" },
      { verdict: "correct", extracted: "C", by: "rules", detail: "extracted by whole" },
      { verdict: "incorrect", extracted: "66", by: "rules", detail: "extracted by answer-tag" }
    ])
  })

  it("keeps input order when judging concurrently", async () => {
    let calls = 0
    const slow: JudgeService = {
      usesModel: true,
      judge: (input) => Effect.sleep(`${(10 - Number(input.ref)) * 5} millis`).pipe(
        Effect.tap(() => Effect.sync(() => calls++)),
        Effect.as({ verdict: "correct" as const, extracted: input.ref })
      )
    }
    const lines = Array.from({ length: 10 }, (_, i) => JSON.stringify({ pred: "x", ref: String(i) }))
    const out = await collect(gradeLines(Stream.fromIterable(lines), slow, { concurrency: 4 }))
    expect(out.map((o) => o.extracted)).toEqual(lines.map((_, i) => String(i)))
    expect(calls).toBe(10)
  })

  it("reads an async iterable", async () => {
    async function* source() {
      yield JSON.stringify({ pred: "\\boxed{1/2}", ref: "0.5" })
      yield JSON.stringify({ pred: "\\boxed{2}", ref: "0.5" })
    }
    const out = await collect(gradeLines(source(), math))
    expect(out.map((o) => o.verdict)).toEqual(["correct", "incorrect"])
  })

  it("turns judge failures and defects into error lines", async () => {
    const failing: JudgeService = { usesModel: true, judge: () => Effect.fail(new JudgeError({ reason: "llm-failed", message: "timeout" })) }
    const broken: JudgeService = { usesModel: false, judge: () => Effect.die(new Error("boom")) }
    const line = JSON.stringify({ pred: "1", ref: "1" })
    expect(await Effect.runPromise(gradeLine(line, failing))).toEqual({ verdict: null, extracted: null, error: { reason: "llm-failed", message: "timeout" } })
    const defect = await Effect.runPromise(gradeLine(line, broken))
    expect(defect).toMatchObject({ verdict: null, error: { reason: "internal" } })
  })

  it("passes chain labels through", async () => {
    const chainLike: JudgeService = {
      usesModel: true,
      judge: () => Effect.succeed({ verdict: "correct", extracted: "4", by: "llm", rules: "incorrect", llm: "correct" })
    }
    const out = await collect(gradeLines(Stream.make(JSON.stringify({ pred: "4", ref: "four" })), chainLike))
    expect(out).toEqual([{ verdict: "correct", extracted: "4", by: "llm", rules: "incorrect", llm: "correct" }])
  })
})
