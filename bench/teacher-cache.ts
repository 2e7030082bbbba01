// Benchmark: teacher generation through the engine against a 100 ms loopback OpenAI-compatible server: a cold run,
// a fully cached re-run, and a re-derivation served entirely by the permanent raw-response tier, each a child
// process with its wall time and peak RSS. Flags: --sizes 1000,10000 (default), --100k (adds 100,000).
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

const nodeSeconds = (runsDir: string, experiment: string, node: string): number => {
  const dir = fs.globSync(path.join(runsDir, `${experiment}-*`))[0]!
  const last = fs.readdirSync(dir).sort().at(-1)!
  const events = fs.readFileSync(path.join(dir, last, "events.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l))
  const done = events.find((e) => e.event === "node-done" && e.node === node)
  return done === undefined ? 0 : done.seconds
}

const server = await startBenchServer(100)
const work = fs.mkdtempSync(path.join(os.tmpdir(), "teacher-cache-"))
const baseEnv = { ...process.env, BENCH_KEY: "bench-key", NODE_COMPILE_CACHE: path.join(root, "node_modules", ".cache", "node-compile") }
console.log("samples | cold run: wall, peak RSS | fully cached re-run (0 server calls): wall, peak RSS | raw-tier re-derive: generate node time, peak RSS")
for (const count of sizes) {
  const name = `teacher-cache-${count}`
  // a store per size: the synthetic rows of a smaller size are a prefix of a larger one's, so a shared raw tier would answer them
  const runsDir = path.join(work, `runs-${count}`)
  const env = { ...baseEnv, DISTILL_RUNS: runsDir }
  const spec = path.join(work, `${name}.yaml`)
  fs.writeFileSync(spec, `name: ${name}
data:
  train: { use: synthetic, with: { count: ${count}, steps: [2, 4], split: train, seed: 1 } }
  eval: { t: { use: synthetic, with: { count: 10, split: test } } }
teachers:
  t: { use: openai-compatible, with: { model: bench-model, base_url: "${server.url}/v1", api_key_env: BENCH_KEY }, max_tokens: 64, limits: { concurrency: 64 } }
judge: { use: math }
mixes: { m: { t: 1 } }
students: { family: tiny, sizes: [xs] }
train: { method: sft }
`)
  const argv = [process.execPath, "--disable-warning=ExperimentalWarning", ...NODE_HEAP_FLAGS, cli, "run", spec, "--only", "generate/t"]
  const cold = await measure(server, argv, env, count)
  const cached = await measure(server, argv, env, 0)
  for (const d of fs.readdirSync(path.join(runsDir, "store", "generate"))) fs.rmSync(path.join(runsDir, "store", "generate", d), { recursive: true })
  fs.rmSync(path.join(runsDir, "store", ".by-input", "generate"), { recursive: true, force: true })
  const rederived = await measure(server, argv, env, 0)
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
  const mb = (x: number) => `${x.toFixed(0)} MB`
  console.log(`${String(count).padStart(7)} | ${s(cold.wallMs)}, ${mb(cold.peakRssMb)} | ${s(cached.wallMs)}, ${mb(cached.peakRssMb)} | ` +
    `${nodeSeconds(runsDir, name, "generate/t").toFixed(2)} s (0 server calls; goal <= 1 s at 10k), ${mb(rederived.peakRssMb)}`)
}
await server.close()
fs.rmSync(work, { recursive: true, force: true })
