// Tests of the chain judge: when the LLM is consulted, what the verdict records, and the plugin's composed schema.
import { Ajv2020 } from "ajv/dist/2020.js"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Judge, JudgeError, type JudgeInput, type JudgeService, type Verdict } from "../../../../src/plugins/index.ts"
import chain, { makeChainJudge } from "../../../../plugins/judge/chain/index.ts"
import { makeMathJudge } from "../../../../plugins/judge/math/math-judge.ts"
import { fakeHost, scriptedTeacher } from "../fakes.ts"

/** A judge that answers with a fixed verdict and records its inputs. */
const fixed = (verdict: Verdict | JudgeError): JudgeService & { readonly seen: Array<JudgeInput> } => {
  const seen: Array<JudgeInput> = []
  return {
    usesModel: true,
    seen,
    judge: (input) => {
      seen.push(input)
      return verdict instanceof JudgeError ? Effect.fail(verdict) : Effect.succeed(verdict)
    }
  }
}

const llmSays = (label: "correct" | "incorrect" | "unparseable") => fixed({ verdict: label, extracted: null, by: "llm", llm: label, detail: `judge replied: ${label}` })

describe("makeChainJudge", () => {
  const rules = makeMathJudge()

  it("keeps a correct rule verdict without asking the LLM", async () => {
    const llm = llmSays("incorrect")
    const v = await Effect.runPromise(makeChainJudge(rules, llm).judge({ pred: "\\boxed{27}", ref: "27.0" }))
    expect(v).toMatchObject({ verdict: "correct", extracted: "27", by: "rules", rules: "correct" })
    expect(v.llm).toBeUndefined()
    expect(llm.seen).toHaveLength(0)
  })

  it("lets the LLM overrule an incorrect rule verdict", async () => {
    const llm = llmSays("correct")
    const v = await Effect.runPromise(makeChainJudge(rules, llm).judge({ pred: "\\boxed{\\frac{\\pi}{6}}", ref: "30^\\circ" }))
    expect(v).toMatchObject({ verdict: "correct", extracted: "\\frac{\\pi}{6}", by: "llm", rules: "incorrect", llm: "correct" })
    expect(llm.seen[0]!.pred).toBe("\\boxed{\\frac{\\pi}{6}}")
  })

  it("asks about unparseable predictions by default", async () => {
    const llm = llmSays("incorrect")
    const v = await Effect.runPromise(makeChainJudge(rules, llm).judge({ pred: "I do not know how to do this problem at all.", ref: "3" }))
    expect(v).toMatchObject({ verdict: "incorrect", extracted: null, by: "llm", rules: "unparseable", llm: "incorrect" })
  })

  it("keeps the rule verdict when the LLM reply is unparseable", async () => {
    const v = await Effect.runPromise(makeChainJudge(rules, llmSays("unparseable")).judge({ pred: "\\boxed{4}", ref: "3" }))
    expect(v).toMatchObject({ verdict: "incorrect", by: "rules", rules: "incorrect", llm: "unparseable" })
  })

  it("follows llm_on", async () => {
    const llm = llmSays("correct")
    const judge = makeChainJudge(rules, llm, { llmOn: ["incorrect"] })
    const v = await Effect.runPromise(judge.judge({ pred: "no answer in this long sentence, none at all", ref: "3" }))
    expect(v).toMatchObject({ verdict: "unparseable", by: "rules" })
    expect(llm.seen).toHaveLength(0)
  })

  it("can send only the extracted answer", async () => {
    const llm = llmSays("incorrect")
    await Effect.runPromise(makeChainJudge(rules, llm, { llmInput: "extracted" }).judge({ pred: "long work... \\boxed{4}", ref: "3" }))
    expect(llm.seen[0]!.pred).toBe("4")
  })

  it("never sends a bad reference to the LLM", async () => {
    const llm = llmSays("correct")
    const error = await Effect.runPromise(Effect.flip(makeChainJudge(rules, llm).judge({ pred: "\\boxed{4}", ref: "" })))
    expect(error.reason).toBe("bad-reference")
    expect(llm.seen).toHaveLength(0)
  })

  it("passes LLM failures on", async () => {
    const llm = fixed(new JudgeError({ reason: "llm-failed", message: "down" }))
    const error = await Effect.runPromise(Effect.flip(makeChainJudge(rules, llm).judge({ pred: "\\boxed{4}", ref: "3" })))
    expect(error.reason).toBe("llm-failed")
  })
})

describe("chain plugin", () => {
  const ajv = new Ajv2020({ useDefaults: true, strict: false })
  const { $schema: _s, ...body } = chain.configSchema as Record<string, unknown>
  const validate = ajv.compile(body)

  it("validates the sub-judges' configs and fills every default", () => {
    const config: Record<string, unknown> = { llm: { use: "llm", with: { teacher: { use: "fake" } } } }
    expect(validate(config)).toBe(true)
    expect(config).toEqual({
      rules: { use: "math", with: { extractors: ["boxed", "final-answer", "answer-tag", "gsm8k", "answer-is", "math-span", "whole", "last-number"], whole_max_chars: 40, rel_tol: 1e-9, relaxed_tolerance: 0.05, symbolic: true } },
      llm: { use: "llm", with: { teacher: { use: "fake" }, max_tokens: 20 } },
      llm_on: ["incorrect", "unparseable"],
      llm_input: "prediction"
    })
    expect(validate({ llm: { use: "llm", with: {} } })).toBe(false)
    expect(validate({ llm: { use: "other", with: { teacher: { use: "fake" } } } })).toBe(false)
    expect(validate({ rules: { use: "math", with: { bogus: 1 } }, llm: { use: "llm", with: { teacher: { use: "fake" } } } })).toBe(false)
  })

  it("builds math and llm and chains them", async () => {
    const teacher = scriptedTeacher(() => "True")
    const host = fakeHost(teacher)
    const config: Record<string, unknown> = { llm: { use: "llm", with: { teacher: { use: "fake" } } } }
    validate(config)
    const verdicts = await Effect.runPromise(
      Judge.use((j) => Effect.all([j.judge({ pred: "\\boxed{2}", ref: "2" }), j.judge({ pred: "\\boxed{\\frac{\\pi}{6}}", ref: "30^\\circ" })])).pipe(
        Effect.provide(chain.layer(config as never)),
        Effect.provide(host.layer)
      )
    )
    expect(verdicts.map((v) => [v.verdict, v.by])).toEqual([["correct", "rules"], ["correct", "llm"]])
    expect(teacher.requests).toHaveLength(1)
  })
})
