// Tests for loading a valid spec: defaults, plugins, location fields and diagnostic formatting.
import * as path from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { formatDiagnostics, type ResolvedSpec, validateFile } from "../../src/spec/index.ts"
import { fixtureEnv, loadFailure, loadSuccess, validSpecFile, writeSpecs } from "./support.ts"

describe("loadSpec on a valid spec", () => {
  it("resolves with every default applied", async () => {
    const spec: ResolvedSpec = await loadSuccess(validSpecFile)
    expect(spec.seed).toBe(3)
    expect(spec.train).toEqual({
      method: "sft", lr: 0.0005, epochs: 2, batch_size: 16, checkpoint_every: 200, warmup: 0.05, weight_decay: 0, max_len: 1024,
      lora_rank: 8, lora_alpha: 16, prompt: "{problem}\n"
    })
    expect(spec.teachers["long"]).toMatchObject({ samples: 1, temperature: 0, max_tokens: 4096, limits: { concurrency: 8, max_attempts: 5, timeout_ms: 120000 } })
    expect(spec.teachers["short"]?.samples).toBe(2)
    expect(spec.filter).toEqual({ keep: "all" })
    expect(spec.mixing).toEqual({ mode: "per-problem", by: "examples", problems: "intersection", template: "free" })
    expect(spec.evaluate).toEqual({ max_new_tokens: 512, temperature: 0, batch_size: 32, base_students: true })
    expect(spec.report.bootstrap).toBe(2000)
    expect(spec.leakage).toEqual({ on_overlap: "warn" })
    expect(spec.budget).toBeUndefined()
    expect(spec.data.train.with).toEqual({ count: 20, split: "train" })
    expect(spec.data.eval["gsm"]?.with).toEqual({ count: 10, split: "test" })
  })

  it("records where it came from and the plugins it loaded", async () => {
    const spec = await loadSuccess(validSpecFile)
    expect(spec.file).toBe(validSpecFile)
    expect(spec.dir).toBe(path.dirname(validSpecFile))
    expect(spec.files).toEqual([validSpecFile])
    expect(spec.plugins["/students/trainer"]).toEqual({
      kind: "trainer", use: "../plugins/trainer/fake", name: "fake-trainer", version: "0.3.0",
      description: "Trains nothing; reports sizes s and m of family tiny.",
      capabilities: { deterministic: true, network: false, gpu: false }, config: { device: "cpu" }, resourceFields: [], locationFields: []
    })
  })

  it("keeps the key order of the file", async () => {
    const spec = await loadSuccess(validSpecFile)
    expect(Object.keys(spec.mixes)).toEqual(["long_only", "mix"])
    expect(Object.keys(spec.teachers)).toEqual(["long", "short"])
  })

  it("validateFile reads process.env", async () => {
    const before = process.env["FAKE_KEY"]
    process.env["FAKE_KEY"] = fixtureEnv.FAKE_KEY
    try {
      const spec = await Effect.runPromise(validateFile(validSpecFile))
      expect(spec.name).toBe("demo")
    } finally {
      if (before === undefined) delete process.env["FAKE_KEY"]
      else process.env["FAKE_KEY"] = before
    }
  })
})

describe("formatDiagnostics", () => {
  it("prints file:line:col: pointer: message, in reading order, relative to the working directory", async () => {
    const file = writeSpecs({ "x.yaml": "name: x\nlr: 1\nseeed: 2\n" })
    const error = await loadFailure(file)
    expect(error._tag).toBe("SpecError")
    const text = formatDiagnostics(error.diagnostics, path.dirname(file))
    expect(text.split("\n")).toEqual([
      "x.yaml:1:1: /data: missing required key 'data'",
      "x.yaml:1:1: /teachers: missing required key 'teachers'",
      "x.yaml:1:1: /judge: missing required key 'judge'",
      "x.yaml:1:1: /mixes: missing required key 'mixes'",
      "x.yaml:1:1: /students: missing required key 'students'",
      "x.yaml:1:1: /train: missing required key 'train'",
      "x.yaml:2:1: /lr: unknown key 'lr' (allowed: $schema, include, name, description, seed, data, teachers, judge, filter, mixing, mixes, students, train, evaluate, report, backend, expected, budget, leakage)",
      "x.yaml:3:1: /seeed: unknown key 'seeed'. Did you mean 'seed'?"
    ])
  })

  it("omits the pointer for file-level problems and keeps paths outside the working directory absolute", () => {
    const text = formatDiagnostics([{ file: "/elsewhere/s.yaml", line: 3, col: 7, pointer: "", message: "YAML syntax error: x" }], "/work")
    expect(text).toBe("/elsewhere/s.yaml:3:7: YAML syntax error: x")
  })
})
