// Served decode nodes: the URL, key variable, command and concurrency never enter a key; the served model does.
import { describe, expect, it } from "vitest"
import { buildPlan } from "../../src/plan/build.ts"
import type { PlannableSpec } from "../../src/plan/input.ts"
import type { Serve } from "../../src/spec/types.gen.ts"
import { gridSpec } from "../support/plannable.ts"

const serving = (serve: Serve | undefined): PlannableSpec => {
  const spec = gridSpec({ sizes: 2 })
  return { ...spec, evaluate: { ...spec.evaluate, ...(serve === undefined ? {} : { serve }) } }
}
const decodes = (spec: PlannableSpec, facts = { pretrained: true }) =>
  Object.fromEntries(buildPlan(spec, facts).nodes.filter((n) => n.kind === "decode").map((n) => [n.id, n]))

describe("served decode nodes", () => {
  const url = (u: string, model = "Qwen/Qwen2.5-0.5B-Instruct"): Serve => ({ url: u, models: { "base/s0": model }, api_key_env: "K1", concurrency: 4 })

  it("a changed URL, key variable or concurrency keeps the decode key; a changed model or revision changes it", () => {
    const a = decodes(serving(url("http://127.0.0.1:8000/v1")))["decode/base/s0/e0"]!
    const b = decodes(serving({ ...url("http://gpu7:9000/v1"), api_key_env: "K2", concurrency: 64 }))["decode/base/s0/e0"]!
    expect(b.key).toBe(a.key)
    expect(JSON.stringify(a.keyParts)).not.toContain("127.0.0.1")
    expect(decodes(serving(url("http://127.0.0.1:8000/v1", "Qwen/Qwen2.5-1.5B-Instruct")))["decode/base/s0/e0"]!.key).not.toBe(a.key)
    expect(decodes(serving({ url: "http://h/v1", models: { "base/s0": { name: "Qwen/Qwen2.5-0.5B-Instruct", revision: "7ae5576" } } }))["decode/base/s0/e0"]!.key).not.toBe(a.key)
    expect(decodes(serving({ ...url("http://h/v1"), chat: false }))["decode/base/s0/e0"]!.key).not.toBe(a.key)
  })

  it("the url form serves only the students it names; they run as light nodes, the others as before", () => {
    const plain = decodes(serving(undefined))
    const served = decodes(serving(url("http://h/v1")))
    expect(served["decode/base/s0/e0"]!.params.served).toMatchObject({ student: "base/s0", form: "url", model: "Qwen/Qwen2.5-0.5B-Instruct", chat: true })
    expect(served["decode/base/s0/e0"]!.resource).toBe("light")
    expect(served["decode/base/s0/e0"]!.key).not.toBe(plain["decode/base/s0/e0"]!.key)
    for (const id of Object.keys(plain).filter((i) => !i.startsWith("decode/base/s0/"))) {
      expect(served[id]!.key, id).toBe(plain[id]!.key)
      expect(served[id]!.params.served, id).toBeUndefined()
    }
  })

  it("the command form serves every student; the command, timeout, gpus and env are not in the key", () => {
    const a = decodes(serving({ command: "vllm serve {model} --port {port}" }))
    const b = decodes(serving({ command: "python -m distill_hf serve {model} --port {port}", ready_timeout_s: 5, gpus: 4, env: { HF_HOME: "/x" } }))
    expect(Object.values(a).every((n) => n.params.served?.form === "command" && n.resource === "light")).toBe(true)
    expect(Object.fromEntries(Object.entries(b).map(([id, n]) => [id, n.key]))).toEqual(Object.fromEntries(Object.entries(a).map(([id, n]) => [id, n.key])))
    expect(a["decode/t0/s1/sft/s3/e1"]!.params.served).toMatchObject({ student: "t0/s1/sft/s3", model: "{model}" })
    expect(decodes(serving({ command: "x --port {port}", model: "student" }))["decode/t0/s1/sft/s3/e1"]!.key).not.toBe(a["decode/t0/s1/sft/s3/e1"]!.key)
  })
})
