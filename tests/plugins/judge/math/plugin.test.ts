// Tests of the math plugin object: schema, defaults and the layer.
import { Ajv2020 } from "ajv/dist/2020.js"
import { Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { Judge, JudgeError } from "../../../../src/plugins/index.ts"
import math from "../../../../plugins/judge/math/index.ts"
import { fakeHost, scriptedTeacher } from "../fakes.ts"

const ajv = new Ajv2020({ useDefaults: true, strict: false })
const { $schema: _s, ...body } = math.configSchema as Record<string, unknown>
const validate = ajv.compile(body)

const host = fakeHost(scriptedTeacher(() => "unused")).layer

describe("math plugin", () => {
  it("is a deterministic offline judge", () => {
    expect(math.kind).toBe("judge")
    expect(math.name).toBe("math")
    expect(math.capabilities).toEqual({ deterministic: true, network: false, gpu: false })
  })

  it("describes every property and fills defaults", () => {
    const props = (math.configSchema as { properties: Record<string, { description?: string }> }).properties
    for (const [key, p] of Object.entries(props)) expect(p.description, key).toBeTruthy()
    const config: Record<string, unknown> = {}
    expect(validate(config)).toBe(true)
    expect(config).toMatchObject({ rel_tol: 1e-9, relaxed_tolerance: 0.05, symbolic: true, whole_max_chars: 40 })
    expect(validate({ nope: 1 })).toBe(false)
    expect(validate({ extractors: ["bogus"] })).toBe(false)
  })

  it("provides a judge through its layer", async () => {
    const config: Record<string, unknown> = { extractors: ["boxed"] }
    validate(config)
    const layer = math.layer(config)
    const program = Effect.gen(function*() {
      const judge = yield* Judge
      return [yield* judge.judge({ pred: "\\boxed{\\frac{1}{2}}", ref: "0.5" }), yield* judge.judge({ pred: "1/2", ref: "0.5" })]
    }).pipe(Effect.provide(layer), Effect.provide(host))
    const exit = await Effect.runPromiseExit(program)
    expect(exit).toEqual(Exit.succeed([
      { verdict: "correct", extracted: "\\frac{1}{2}", by: "rules", detail: "extracted by boxed" },
      { verdict: "unparseable", extracted: null, by: "rules", detail: "no answer found" }
    ]))
  })

  it("fails with bad-reference, never a pass", async () => {
    const program = Effect.gen(function*() {
      const judge = yield* Judge
      return yield* Effect.flip(judge.judge({ pred: "\\boxed{}", ref: "" }))
    }).pipe(Effect.provide(math.layer({})), Effect.provide(host))
    const error: JudgeError = await Effect.runPromise(program)
    expect(error.reason).toBe("bad-reference")
  })
})
