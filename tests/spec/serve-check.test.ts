// Tests for evaluate.serve checks: one form, known students, an http URL, a command with known placeholders and {port}.
import { describe, expect, it } from "vitest"
import { editLine, expectDiagnostic, expectEditFails, loadFailure, loadSuccess, writeSpecs } from "./support.ts"

const withServe = (...lines: ReadonlyArray<string>) => editLine(23, ["  lr: 0.0005", "evaluate:", "  serve:", ...lines.map((l) => `    ${l}`)].join("\n"))

describe("evaluate.serve", () => {
  it("accepts the url form with named base and trained students, and the command form", async () => {
    const url = await loadSuccess(writeSpecs({ "x.yaml": withServe("url: http://127.0.0.1:8000/v1", "models: { base/s: Qwen/Qwen2.5-0.5B-Instruct, mix/m/sft/s3: { name: m-student, revision: abc } }") }))
    expect(url.evaluate.serve?.models?.["base/s"]).toBe("Qwen/Qwen2.5-0.5B-Instruct")
    const command = await loadSuccess(writeSpecs({ "x.yaml": withServe("command: \"vllm serve {model} --revision {revision} --port {port}\"", "gpus: 2", "chat: false") }))
    expect(command.evaluate.serve?.command).toContain("{port}")
  })

  it("an unknown student name: at the key, with did-you-mean", async () => {
    const error = await loadFailure(writeSpecs({ "x.yaml": withServe("url: http://h:8000/v1", "models: { base/xs: a, mix/s/sft/s3: b }") }))
    expect(error.diagnostics).toHaveLength(1)
    expectDiagnostic(error.diagnostics, { line: 27, col: 15, pointer: "/evaluate/serve/models/base~1xs", message: "unknown student 'base/xs' (this spec evaluates: base/s, base/m, long_only/s/sft/s3", suggestion: "base/s" })
  })

  it("url and command together, or neither", async () => {
    await expectEditFails(23, "  lr: 0.0005\nevaluate:\n  serve: { url: 'http://h/v1', models: { base/s: a }, command: 'x --port {port}' }", {
      line: 25, col: 55, pointer: "/evaluate/serve/command", message: "give url (an existing server) or command (a server the backend starts), not both"
    })
    await expectEditFails(23, "  lr: 0.0005\nevaluate:\n  serve: { chat: true }", {
      line: 25, col: 3, pointer: "/evaluate/serve", message: "evaluate.serve needs url"
    })
  })

  it("a URL that is not http(s), or that holds credentials, and a url form without models", async () => {
    await expectEditFails(23, "  lr: 0.0005\nevaluate:\n  serve: { url: 'localhost:8000', models: { base/s: a } }", {
      line: 25, col: 17, pointer: "/evaluate/serve/url", message: "'localhost:8000' is not an http or https URL"
    })
    const creds = await loadFailure(writeSpecs({ "x.yaml": withServe("url: http://user:pw@h:8000/v1", "models: { base/s: a }") }))
    expect(creds.diagnostics[0]!.message).toMatch(/holds credentials.*api_key_env/)
    expect(creds.message).not.toContain("pw@")
    await expectEditFails(23, "  lr: 0.0005\nevaluate:\n  serve: { url: 'http://h:8000/v1' }", {
      line: 25, col: 3, pointer: "/evaluate/serve", message: "the url form needs models"
    })
  })

  it("fields of the other form are refused at their key", async () => {
    const error = await loadFailure(writeSpecs({ "x.yaml": withServe("url: http://h:8000/v1", "models: { base/s: a }", "ready_timeout_s: 5") }))
    expectDiagnostic(error.diagnostics, { line: 28, col: 5, pointer: "/evaluate/serve/ready_timeout_s", message: "ready_timeout_s belongs to the command form" })
    const other = await loadFailure(writeSpecs({ "x.yaml": withServe("command: 'x --port {port}'", "models: { base/s: a }") }))
    expectDiagnostic(other.diagnostics, { line: 27, col: 5, pointer: "/evaluate/serve/models", message: "models belongs to the url form" })
  })

  it("a command without {port}, with an unknown placeholder, or with an unclosed quote", async () => {
    const error = await loadFailure(writeSpecs({ "x.yaml": withServe("command: \"vllm serve {modle} --x 'a\"") }))
    expect(error.diagnostics.map((d) => d.message)).toEqual(expect.arrayContaining([
      expect.stringContaining("cannot split the command into words: unclosed single quote"),
      expect.stringContaining("unknown placeholder {modle}"),
      expect.stringContaining("add --port {port}")
    ]))
    expect(error.diagnostics.find((d) => d.message.includes("{modle}"))!.suggestion).toBe("{model}")
    expect(error.diagnostics.every((d) => d.line === 26 && d.col === 14)).toBe(true)
  })

  it("{adapter} needs LoRA students only", async () => {
    await expectEditFails(23, "  lr: 0.0005\nevaluate:\n  serve: { command: 'vllm serve {base_model} --enable-lora --lora-modules {adapter_name}={adapter} --port {port}' }", {
      line: 25, col: 21, pointer: "/evaluate/serve/command", message: "{adapter} and {adapter_name} exist only for LoRA students"
    })
  })
})
