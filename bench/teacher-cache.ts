// Benchmark: teacher generation through the engine against a 100 ms loopback OpenAI-compatible server:
// a cold run, a fully cached re-run, and a re-derivation served entirely by the permanent raw-response tier.
import { execFile } from "node:child_process"
import { promisify } from "node:util"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import { startLoopback } from "../tests/support/providers/loopback.ts"
import { openAiWire } from "../tests/support/providers/openai-wire.ts"

const root = fileURLToPath(new URL("..", import.meta.url))
const main = path.join(root, "src", "cli", "main.ts")

const exec = promisify(execFile)

/** Runs the CLI without blocking this process, which also serves the loopback teacher. */
const run = async (args: string[], env: Record<string, string>) => {
  const t = performance.now()
  const r = await exec(process.execPath, ["--disable-warning=ExperimentalWarning", main, ...args], {
    cwd: root, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 * 2 ** 20
  })
  return { ms: performance.now() - t, stdout: r.stdout }
}

const nodeSeconds = (runsDir: string, experiment: string, node: string): number => {
  const dir = path.join(runsDir, experiment)
  const last = fs.readdirSync(dir).sort().at(-1)!
  const events = fs.readFileSync(path.join(dir, last, "events.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l))
  const done = events.find((e) => e.event === "node-done" && e.node === node)
  return done === undefined ? 0 : done.seconds
}

const server = await startLoopback(openAiWire(), { latencyMs: 100 })
const work = fs.mkdtempSync(path.join(os.tmpdir(), "teacher-cache-"))
const runsDir = path.join(work, "runs")
const env = { DISTILL_RUNS: runsDir, BENCH_KEY: "bench-key" }
console.log("samples | cold run (wall) | fully cached re-run (wall, nodes executed) | raw-tier re-derive: generate node time")
for (const count of [1_000, 10_000]) {
  const name = `teacher-cache-${count}`
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
  const only = ["--only", "generate/t"]
  const cold = await run(["run", spec, ...only], env)
  const cached = await run(["run", spec, ...only], env)
  const executed = /(\d+) executed/.exec(cached.stdout)?.[1]
  for (const d of fs.readdirSync(path.join(runsDir, "store", "generate"))) fs.rmSync(path.join(runsDir, "store", "generate", d), { recursive: true })
  const before = server.requests.length
  await run(["run", spec, ...only], env)
  const calls = server.requests.length - before
  console.log(`${String(count).padStart(7)} | ${(cold.ms / 1000).toFixed(1)} s | ${(cached.ms / 1000).toFixed(2)} s, ${executed} executed | ${nodeSeconds(runsDir, name, "generate/t").toFixed(2)} s (${calls} server calls; goal <= 1 s)`)
}
await server.close()
