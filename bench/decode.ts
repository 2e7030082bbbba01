// Benchmark: ONNX decode tokens/s of a student with and without the KV cache, at batch 1 and batch 32.
// Usage: node bench/decode.ts <student dir> [maxNewTokens=128]   (train one first, e.g. with bench/train-mfu.ts s)
import { Effect } from "effect"
import { loadStudent } from "../src/students/onnx-decoder.ts"

const dir = process.argv[2]
if (dir === undefined) {
  console.error("usage: node bench/decode.ts <student dir> [maxNewTokens]")
  process.exit(2)
}
const maxNewTokens = Number(process.argv[3] ?? 128)
const prompt = (i: number) =>
  `Solve the following math problem. Present the final answer in the format: Final Answer: \\boxed{x}.\nProblem: Add ${100 + i}, ${37 * i % 900 + 10}.\nAnswer:`

await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
  const student = yield* loadStudent(dir)
  const m = student.manifest
  console.log(`student ${m.family}/${m.size} params=${m.params} d_model=${m.dims.d_model} layers=${m.dims.n_layers}; ${maxNewTokens} new tokens, greedy`)
  console.log("kv-cache  batch  prompts  tokens  seconds  tokens/s")
  for (const [useKvCache, batchSize, count] of [[true, 1, 4], [false, 1, 4], [true, 32, 32], [false, 32, 32]] as const) {
    const prompts = Array.from({ length: count }, (_, i) => prompt(i))
    const options = { maxNewTokens, temperature: 0, seed: 1, stop: [], batchSize, useKvCache, loop: false as const }
    yield* student.generate(prompts.slice(0, 1), { ...options, maxNewTokens: 4 })
    const t0 = performance.now()
    const out = yield* student.generate(prompts, options)
    const seconds = (performance.now() - t0) / 1000
    const tokens = out.reduce((n, g) => n + g.tokens, 0)
    console.log(`${String(useKvCache).padEnd(9)} ${String(batchSize).padEnd(6)} ${String(count).padEnd(8)} ${String(tokens).padEnd(7)} ${seconds.toFixed(2).padEnd(8)} ${(tokens / seconds).toFixed(0)}`)
  }
})))
