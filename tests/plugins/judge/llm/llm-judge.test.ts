// Tests of the llm judge: prompt, reply parsing, teacher errors and the plugin layer, with a scripted teacher.
import { Ajv2020 } from "ajv/dist/2020.js"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Judge, TeacherError } from "../../../../src/plugins/index.ts"
import llm, { defaultJudgePrompt, parseJudgement, renderPrompt } from "../../../../plugins/judge/llm/index.ts"
import { makeLlmJudge } from "../../../../plugins/judge/llm/llm-judge.ts"
import { fakeHost, scriptedTeacher } from "../fakes.ts"

describe("parseJudgement", () => {
  it.each([
    ["True", "correct"], [" true.", "correct"], ["False", "incorrect"], ["FALSE", "incorrect"],
    ["yes", "correct"], ["No.", "incorrect"], ["<think>maybe false</think>True", "correct"],
    ["The answer is True because", "correct"], ["I cannot tell", "unparseable"], ["", "unparseable"], ["Trueish", "unparseable"]
  ])("%j -> %s", (reply, label) => {
    expect(parseJudgement(reply)).toBe(label)
  })
})

describe("renderPrompt", () => {
  it("fills the paper's prompt", () => {
    const p = renderPrompt(defaultJudgePrompt, { pred: "x=2", ref: "2", question: "Solve x+1=3." })
    expect(p).toContain("Respond with 'True' if the answer is correct and 'False' if it is incorrect.")
    expect(p.endsWith("Problem: Solve x+1=3.\nCorrect Answer: 2\nModel's Generated Answer: x=2\nYour judgement:")).toBe(true)
  })
  it("does not re-fill placeholders found in values, and lists choices", () => {
    const p = renderPrompt("{pred}|{ref}|{choices}|\\boxed{}", { pred: "{ref}", ref: "7", choices: ["a", "b"] })
    expect(p).toBe("{ref}|7|(A) a\n(B) b|\\boxed{}")
  })
})

describe("makeLlmJudge", () => {
  it("asks at temperature 0 and maps True/False/other", async () => {
    const teacher = scriptedTeacher((r) => (r.prompt.includes("Generated Answer: 4\n") ? "True" : r.prompt.includes("Generated Answer: 5\n") ? "False" : "hmm"))
    const judge = makeLlmJudge(teacher, { system: "be strict", maxTokens: 8 })
    const run = (pred: string) => Effect.runPromise(judge.judge({ pred, ref: "4", question: "2+2?" }))
    const correct = await run("4")
    expect(correct).toMatchObject({ verdict: "correct", extracted: null, by: "llm", llm: "correct" })
    expect((await run("5")).verdict).toBe("incorrect")
    expect((await run("6")).verdict).toBe("unparseable")
    expect(teacher.requests[0]).toMatchObject({ system: "be strict", sampling: { temperature: 0, maxTokens: 8 }, sampleIndex: 0 })
    expect(judge.usesModel).toBe(true)
  })

  it("turns a teacher failure into llm-failed", async () => {
    const judge = makeLlmJudge(scriptedTeacher(() => new TeacherError({ reason: "server", message: "503" })))
    const error = await Effect.runPromise(Effect.flip(judge.judge({ pred: "4", ref: "4" })))
    expect(error.reason).toBe("llm-failed")
    expect(error.message).toContain("fake/judge-1")
  })

  it("refuses a bad reference without calling the model", async () => {
    const teacher = scriptedTeacher(() => "True")
    const error = await Effect.runPromise(Effect.flip(makeLlmJudge(teacher).judge({ pred: "4", ref: " " })))
    expect(error.reason).toBe("bad-reference")
    expect(teacher.requests).toHaveLength(0)
  })
})

describe("llm plugin", () => {
  const ajv = new Ajv2020({ useDefaults: true, strict: false })
  const { $schema: _s, ...body } = llm.configSchema as Record<string, unknown>
  const validate = ajv.compile(body)

  it("requires a teacher and defaults max_tokens to 20", () => {
    expect(validate({})).toBe(false)
    const config: Record<string, unknown> = { teacher: { use: "fake", with: { model: "m" } } }
    expect(validate(config)).toBe(true)
    expect(config.max_tokens).toBe(20)
  })

  it("gets its teacher from the PluginHost", async () => {
    const teacher = scriptedTeacher(() => "True")
    const host = fakeHost(teacher)
    const verdict = await Effect.runPromise(
      Judge.use((j) => j.judge({ pred: "4", ref: "4" })).pipe(
        Effect.provide(llm.layer({ teacher: { use: "fake", with: { model: "m" } }, max_tokens: 20 })),
        Effect.provide(host.layer)
      )
    )
    expect(verdict.verdict).toBe("correct")
    expect(host.refs).toEqual([{ use: "fake", with: { model: "m" } }])
    expect(teacher.requests[0]!.prompt.startsWith("Given a math problem")).toBe(true)
  })

  it("fails with llm-failed when the teacher cannot be built", async () => {
    const host = fakeHost(scriptedTeacher(() => "True"))
    const error = await Effect.runPromise(
      Effect.flip(Judge.use((j) => j.judge({ pred: "4", ref: "4" })).pipe(
        Effect.provide(llm.layer({ teacher: { use: "missing" } })),
        Effect.provide(host.layer)
      ))
    )
    expect(error.reason).toBe("llm-failed")
  })
})
