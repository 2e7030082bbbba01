// Server command templates: split like a shell (quotes, escapes, no expansion), placeholders filled per student.
import { describe, expect, it } from "vitest"
import { defaultModelTemplate, fillTemplate, placeholdersOf, splitCommand } from "../../src/students/serve-command.ts"

const values = { model: "/runs/out/model dir", revision: "main", adapter: null, base_model: "/runs/out/model dir", adapter_name: null, port: "8123" }

describe("server commands", () => {
  it("splits on unquoted whitespace, keeps quoted spaces and escapes, expands nothing", () => {
    expect(splitCommand(`vllm serve {model}  --port {port} --chat-template "a b" 'x "y"' \\$HOME ""`)).toEqual({ ok: true, words: ["vllm", "serve", "{model}", "--port", "{port}", "--chat-template", "a b", "x \"y\"", "$HOME", ""] })
    expect(splitCommand("vllm 'serve")).toEqual({ ok: false, message: "unclosed single quote" })
    expect(splitCommand("  ")).toEqual({ ok: false, message: "the command is empty" })
  })

  it("fills placeholders per word, so a path with spaces stays one argument", () => {
    const split = splitCommand("vllm serve {model} --port={port} --revision {revision}")
    expect(split.ok && split.words.map((w) => fillTemplate(w, values))).toEqual(["vllm", "serve", "/runs/out/model dir", "--port=8123", "--revision", "main"])
    expect(() => fillTemplate("--lora-modules {adapter_name}={adapter}", values)).toThrow("{adapter_name} has no value for this student (it is not a LoRA student)")
    expect(fillTemplate("{unknown}", values)).toBe("{unknown}")
    expect(placeholdersOf("a {model} {x}")).toEqual(["model", "x"])
  })

  it("requests the adapter's name when the command serves the adapter, else {model}", () => {
    expect(defaultModelTemplate("vllm serve {base_model} --enable-lora --lora-modules {adapter_name}={adapter} --port {port}")).toBe("{adapter_name}")
    expect(defaultModelTemplate("vllm serve {model} --port {port}")).toBe("{model}")
  })
})
