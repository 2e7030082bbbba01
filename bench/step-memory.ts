// Benchmark: peak RSS of each step on the way to a mix, at several sizes: dataset, leakage, generate, judge, filter and
// mix, each its own `distill run --only <node>` child process (with the launcher's heap flags) over one store, the
// offline synthetic-solver teacher answering. Prints each step's peak RSS and its ratio to the smallest size's.
// Flags: --sizes 1000,10000 (default), --100k (adds 100,000).
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { NODE_HEAP_FLAGS } from "../src/run/heap-policy.ts"
import { sizesArg } from "./args.ts"
import { measure } from "./throughput/measure.ts"
import { startBenchServer } from "./throughput/server.ts"

const root = fileURLToPath(new URL("..", import.meta.url))
const cli = path.join(root, "src", "cli", "main.ts")
const sizes = sizesArg()
const STEPS = ["dataset/train", "leakage", "generate/t", "judge/t", "filter/t", "mix/m"] as const

// measure() times a child against a server; the offline teacher never calls it
const server = await startBenchServer(0)
const work = fs.mkdtempSync(path.join(os.tmpdir(), "step-memory-"))
const env = { ...process.env, NODE_COMPILE_CACHE: path.join(root, "node_modules", ".cache", "node-compile") }
const peaks = new Map<number, Map<string, { rss: number; seconds: number }>>()
for (const count of sizes) {
  const spec = path.join(work, `step-memory-${count}.yaml`)
  fs.writeFileSync(spec, `name: step-memory-${count}
data:
  train: { use: synthetic, with: { count: ${count}, steps: [2, 4], split: train, seed: 1 } }
  eval: { t: { use: synthetic, with: { count: 100, split: test, seed: 2 } } }
teachers:
  t: { use: synthetic-solver }
judge: { use: math }
mixes: { m: { t: 1 } }
students: { family: tiny, sizes: [xs] }
train: { method: sft }
`)
  const runs = path.join(work, `runs-${count}`)
  const row = new Map<string, { rss: number; seconds: number }>()
  for (const step of STEPS) {
    const f = await measure(server, [process.execPath, "--disable-warning=ExperimentalWarning", ...NODE_HEAP_FLAGS, cli, "run", spec, "--only", step], { ...env, DISTILL_RUNS: runs }, 0)
    row.set(step, { rss: f.peakRssMb, seconds: f.wallMs / 1000 })
    process.stderr.write(`${count} ${step}: ${f.peakRssMb.toFixed(0)} MB\n`)
  }
  peaks.set(count, row)
  fs.rmSync(runs, { recursive: true, force: true })
}
const first = peaks.get(sizes[0]!)!
console.log(`peak RSS per step (MB; x = ratio to ${sizes[0]!.toLocaleString("en")} samples), each a child process with ${NODE_HEAP_FLAGS.join(" ")}`)
console.table(STEPS.map((step) => Object.fromEntries([["step", step], ...sizes.flatMap((n) => {
  const p = peaks.get(n)!.get(step)!
  return [[`${n.toLocaleString("en")} MB`, p.rss.toFixed(0)], [`${n.toLocaleString("en")} x`, (p.rss / first.get(step)!.rss).toFixed(2)], [`${n.toLocaleString("en")} s`, p.seconds.toFixed(1)]]
})])))
const worst = Math.max(...STEPS.map((s) => peaks.get(sizes.at(-1)!)!.get(s)!.rss))
console.log(`largest peak at ${sizes.at(-1)!.toLocaleString("en")} samples: ${worst.toFixed(0)} MB (goal <= 150)`)
await server.close()
fs.rmSync(work, { recursive: true, force: true })
