// Tests of `--with key=value` parsing.
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { parseWithArgs, parseWithValue } from "../../src/judge/with-args.ts"

const ok = (args: ReadonlyArray<string>) => {
  const r = parseWithArgs(args)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}
const err = (args: ReadonlyArray<string>) => {
  const r = parseWithArgs(args)
  return Result.isFailure(r) ? r.failure : null
}

describe("parseWithValue", () => {
  it.each([
    ["5", 5], ["1e-6", 1e-6], ["true", true], ["false", false], ["null", null], ["[\"boxed\",\"last-number\"]", ["boxed", "last-number"]],
    ["{\"a\":1}", { a: 1 }], ["\"007\"", "007"], ["007", "007"], ["hello world", "hello world"], ["", ""]
  ])("%j -> %j", (raw, value) => {
    expect(parseWithValue(raw)).toEqual(value)
  })
})

describe("parseWithArgs", () => {
  it("builds nested objects from dotted keys", () => {
    expect(ok(["rel_tol=1e-4", "llm.with.teacher.use=openai", "llm.with.max_tokens=32", "llm.use=llm", "symbolic=false"])).toEqual({
      rel_tol: 1e-4, symbolic: false, llm: { use: "llm", with: { teacher: { use: "openai" }, max_tokens: 32 } }
    })
  })
  it("keeps '=' inside values and lets a later value win", () => {
    expect(ok(["prompt=a=b", "prompt=c=d"])).toEqual({ prompt: "c=d" })
  })
  it("rejects malformed arguments without echoing values", () => {
    const missing = err(["sk-secret-value"])
    expect(missing?.reason).toBe("missing-equals")
    expect(missing?.message).not.toContain("sk-secret")
    expect(err(["a..b=1"])?.reason).toBe("empty-key")
    expect(err(["=1"])?.reason).toBe("empty-key")
  })
  it("reports a key that is both a value and a parent", () => {
    expect(err(["a=1", "a.b=2"])?.reason).toBe("conflict")
    expect(err(["a.b=2", "a=1"])?.reason).toBe("conflict")
  })
  it("returns an empty config for no arguments", () => {
    expect(ok([])).toEqual({})
  })
})
