// Tests for ${env:NAME} placeholders: checked at load, kept in the spec, substituted by materialize, redacted in logs.
import { describe, expect, it } from "vitest"
import { envIssues, materialize, redact, secretValues } from "../../src/spec/index.ts"
import { editLine, expectDiagnostic, fixtureEnv, loadFailure, loadSuccess, validSpecFile, writeSpecs } from "./support.ts"

describe("env placeholders", () => {
  it("an unset variable is a located error naming it", async () => {
    const error = await loadFailure(validSpecFile, {})
    expect(error.diagnostics).toHaveLength(1)
    expectDiagnostic(error.diagnostics, {
      line: 11, col: 36, pointer: "/teachers/short/with/api_key", message: "environment variable FAKE_KEY is not set"
    })
  })

  it("never prints a variable's value", async () => {
    const secret = "sk-live-very-secret-value"
    const text = editLine(11, `    with: { style: shrt, api_key: "\${env:FAKE_KEY}", model: "\${env:MODEL_ID}" }`)
    const error = await loadFailure(writeSpecs({ "x.yaml": text }), { FAKE_KEY: secret })
    expect(error.diagnostics.map((d) => d.pointer).sort()).toEqual(["/teachers/short/with/model", "/teachers/short/with/style"])
    expect(JSON.stringify(error.diagnostics) + error.message).not.toContain(secret)
  })

  it("a malformed placeholder is an error", async () => {
    const error = await loadFailure(writeSpecs({ "x.yaml": editLine(11, '    with: { style: short, api_key: "${env:MY-KEY}" }') }))
    expectDiagnostic(error.diagnostics, { line: 11, col: 36, pointer: "/teachers/short/with/api_key", message: "malformed placeholder '${env:MY-KEY}'" })
  })

  it("unset variables are reported together with schema errors", async () => {
    const error = await loadFailure(writeSpecs({ "x.yaml": editLine(23, "  lr: fast") }), {})
    expect(error.diagnostics.map((d) => d.pointer)).toEqual(["/teachers/short/with/api_key", "/train/lr"])
  })

  it("the resolved spec keeps placeholders; materialize substitutes them", async () => {
    const spec = await loadSuccess(validSpecFile)
    const config = spec.plugins["/teachers/short"]!.config
    expect(config["api_key"]).toBe("${env:FAKE_KEY}")
    expect(spec.teachers["short"]?.with?.["api_key"]).toBe("${env:FAKE_KEY}")
    const built = materialize(config, fixtureEnv)
    expect(built).toEqual({ style: "short", api_key: fixtureEnv.FAKE_KEY, model: "fake-1" })
    expect(config["api_key"]).toBe("${env:FAKE_KEY}")
  })

  it("materialize handles several placeholders, nesting, and leaves unset ones", () => {
    const value = { url: "https://${env:HOST}:${env:PORT}/v1", list: ["${env:HOST}", 3, null], other: "${env:UNSET}" }
    expect(materialize(value, { HOST: "h", PORT: "80" })).toEqual({ url: "https://h:80/v1", list: ["h", 3, null], other: "${env:UNSET}" })
  })

  it("secretValues lists the substituted values and redact hides them", async () => {
    const spec = await loadSuccess(validSpecFile)
    const secrets = secretValues(spec, fixtureEnv)
    expect(secrets).toEqual([fixtureEnv.FAKE_KEY])
    const log = `calling with key ${fixtureEnv.FAKE_KEY} (again: ${fixtureEnv.FAKE_KEY})`
    expect(redact(log, secrets)).toBe("calling with key *** (again: ***)")
    expect(redact("abcdef abc", ["abc", "abcdef"])).toBe("*** ***")
    expect(redact("nothing here", [""])).toBe("nothing here")
  })

  it("envIssues reports every placeholder of a value", () => {
    expect(envIssues({ a: ["${env:X} ${env:Y}"] }, { X: "1" })).toEqual([
      { pointer: "/a/0", message: "environment variable Y is not set (referenced as ${env:Y})" }
    ])
  })
})
