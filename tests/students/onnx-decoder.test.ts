// ONNX decoding of a student trained here: KV-cache parity, batching parity, stop strings, EOS, seeded sampling.
import { join } from "node:path"
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { type GenerateOptions, type Generation, loadStudent } from "../../src/students/onnx-decoder.ts"
import { openStudent } from "../../src/students/student.ts"
import { doneEvent, hasTorch, runJob, tempDir, writeArithmetic } from "./train-fixture.ts"

const PROMPTS = ["Q: 12+34?\nA:", "Q: 5+77?\nA:", "Q: 90+9?\nA:", "Q: 41+41?\nA:", "Q: 100+23?\nA:", "Q: 7+8?\nA:"]
const GREEDY: GenerateOptions = { maxNewTokens: 40, temperature: 0, seed: 1, stop: [], batchSize: 4, useKvCache: true, loop: false }

describe.skipIf(!hasTorch)("onnx decoder (trains a small student first; needs a Python with torch)", () => {
  let dir = ""
  const generate = (prompts: ReadonlyArray<string>, options: GenerateOptions): Promise<Generation[]> =>
    Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const student = yield* loadStudent(dir, { threads: 1 })
      return yield* student.generate(prompts, options)
    })))

  beforeAll(async () => {
    const root = tempDir("onnx-decoder")
    dir = join(root, "student")
    const run = await runJob({
      family: "tiny", size: "decoder-test", sizeConfig: { d_model: 48, n_layers: 2, n_heads: 2, d_ff: 128, max_len: 128 },
      method: "sft", hyper: { epochs: 4, batch_size: 8, lr: 0.01 }, seed: 1, trainFile: writeArithmetic(root, 240), outputDir: dir
    }, undefined, { DISTILL_PEAK_GFLOPS: "100" })
    if (doneEvent(run) === undefined) throw new Error(`training failed: ${JSON.stringify(run.events.at(-1))}`)
  })

  it("gives identical greedy output with and without the KV cache", async () => {
    const cached = await generate(PROMPTS, GREEDY)
    const full = await generate(PROMPTS, { ...GREEDY, useKvCache: false })
    expect(cached).toEqual(full)
    expect(cached.some((g) => g.text.length > 5)).toBe(true)
  })

  it("gives the same greedy output batched (left padding) as one prompt at a time", async () => {
    const batched = await generate(PROMPTS, { ...GREEDY, batchSize: 6 })
    const single = await generate(PROMPTS, { ...GREEDY, batchSize: 1 })
    expect(batched).toEqual(single)
  })

  it("ends at EOS once the format is learned and respects maxNewTokens", async () => {
    const out = await generate(PROMPTS, { ...GREEDY, maxNewTokens: 60 })
    expect(out.some((g) => g.stopReason === "eos" && g.text.includes("Final:"))).toBe(true)
    const short = await generate(PROMPTS, { ...GREEDY, maxNewTokens: 3 })
    for (const g of short) expect(g.stopReason === "max_tokens" && g.tokens === 3 || g.stopReason === "eos" && g.tokens <= 3).toBe(true)
    expect(short.some((g) => g.stopReason === "max_tokens")).toBe(true)
  })

  it("cuts the text before a stop string", async () => {
    const out = await generate(PROMPTS, { ...GREEDY, stop: ["="] })
    const stopped = out.filter((g) => g.stopReason === "stop")
    expect(stopped.length).toBeGreaterThan(0)
    for (const g of stopped) {
      expect(g.text).not.toContain("=")
      expect(g.tokens).toBe(new TextEncoder().encode(g.text).length + 1)
    }
  })

  it("samples deterministically under a seed, independent of batch size", async () => {
    const sampling = { ...GREEDY, temperature: 1.5, topP: 0.95 }
    const a = await generate(PROMPTS, { ...sampling, seed: 7 })
    const b = await generate(PROMPTS, { ...sampling, seed: 7, batchSize: 2 })
    const c = await generate(PROMPTS, { ...sampling, seed: 8 })
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
  })

  it("samples each prompt by its identity: the same in any batch size, slice or order", async () => {
    const sampling = { ...GREEDY, temperature: 1.5, topP: 0.95, seed: 7 }
    const ids = PROMPTS.map((_, i) => `p${i}#0`)
    const all = await generate(PROMPTS, { ...sampling, sampleIds: ids })
    const tail = await generate(PROMPTS.slice(2), { ...sampling, sampleIds: ids.slice(2), batchSize: 3 })
    expect(tail).toEqual(all.slice(2))
    const reversed = await generate([...PROMPTS].reverse(), { ...sampling, sampleIds: [...ids].reverse(), batchSize: 1 })
    expect(reversed).toEqual([...all].reverse())
    const other = await generate(PROMPTS, { ...sampling, sampleIds: ids.map((id) => `${id}x`) })
    expect(other).not.toEqual(all)
  })

  it("serves the promise API and rejects invalid options", async () => {
    const student = await openStudent(dir, { threads: 1 })
    try {
      expect(await student.generate(PROMPTS.slice(0, 2), GREEDY)).toEqual((await generate(PROMPTS, GREEDY)).slice(0, 2))
      await expect(student.generate(PROMPTS, { ...GREEDY, batchSize: 0 })).rejects.toThrow("batchSize")
    } finally {
      student.close()
    }
    const error = await Effect.runPromise(Effect.flip(Effect.scoped(Effect.gen(function*() {
      const s = yield* loadStudent(dir)
      return yield* s.generate(PROMPTS, { ...GREEDY, topP: 0 })
    }))))
    expect(error).toMatchObject({ _tag: "StudentError", reason: "bad-options" })
  })
})
