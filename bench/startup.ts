// Benchmark: time from spawning `./distill run <spec> --only generate/api` to the first teacher HTTP request it sends.
// Usage: node bench/startup.ts [--rounds N] [--prompts N]   (7 rounds, 20 prompts; an OpenAI-compatible loopback server)
//   fresh store: nothing is stored yet, so the dataset and leakage nodes run before the generate node
//   warm store:  the dataset and leakage nodes are stored; each round names a new model, so its generate node runs
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import { startLoopback } from "../tests/support/providers/loopback.ts"
import { openAiWire } from "../tests/support/providers/openai-wire.ts"

const GOAL_MS = 300
const root = fileURLToPath(new URL("..", import.meta.url))
const args = process.argv.slice(2)
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name)
  return at >= 0 ? Number(args[at + 1]) : fallback
}
const rounds = option("--rounds", 7)
const prompts = option("--prompts", 20)

const server = await startLoopback(openAiWire())
const work = fs.mkdtempSync(path.join(os.tmpdir(), "distill-startup-"))

const writeSpec = (model: string): string => {
  const file = path.join(work, "spec.yaml")
  fs.writeFileSync(file, `name: startup
data:
  train: { use: synthetic, with: { count: ${prompts}, steps: [1, 2], split: train, seed: 1 } }
  eval:
    test: { use: synthetic, with: { count: 4, steps: [1, 2], split: test, seed: 2 } }
teachers:
  api: { use: openai-compatible, with: { model: ${model}, base_url: ${server.url}/v1, require_api_key: false } }
judge: { use: math }
mixes:
  all: { api: 1 }
students: { family: tiny, sizes: [xs] }
train: { method: sft }
`)
  return file
}

/** Spawns the run and resolves with the ms from spawn to the first request, and to the process's exit. */
const firstRequest = (runsDir: string, model: string): Promise<{ first: number; exit: number }> =>
  new Promise((resolve, reject) => {
    const spec = writeSpec(model)
    const seen = server.requests.length
    const started = performance.now()
    const child = spawn(path.join(root, "distill"), ["run", spec, "--only", "generate/api"], {
      cwd: root, env: { ...process.env, DISTILL_RUNS: runsDir }, stdio: ["ignore", "ignore", "pipe"]
    })
    let stderr = ""
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString() })
    child.on("close", (code) => {
      const exit = performance.now() - started
      const request = server.requests[seen]
      if (code !== 0 || request === undefined) return reject(new Error(`distill run exited ${code} after ${server.requests.length - seen} requests:\n${stderr}`))
      resolve({ first: request.at - started, exit })
    })
  })

const median = (xs: ReadonlyArray<number>) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

const line = (label: string, xs: ReadonlyArray<{ first: number; exit: number }>) => {
  const m = median(xs.map((x) => x.first))
  console.log(`${label.padEnd(12)} first request: median ${m.toFixed(0).padStart(5)} ms  min ${Math.min(...xs.map((x) => x.first)).toFixed(0).padStart(5)} ms  ` +
    `goal ${GOAL_MS} ms  ratio ${(m / GOAL_MS).toFixed(2)} ${m <= GOAL_MS ? "met" : "NOT met"}   (whole run: median ${median(xs.map((x) => x.exit)).toFixed(0)} ms)`)
}

try {
  console.log(`${prompts} prompts, ${rounds} rounds after a warm-up; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} on ${os.availableParallelism()} cores`)
  await firstRequest(path.join(work, "warm-up"), "m-warm-up")
  const fresh = []
  for (let i = 0; i < rounds; i++) fresh.push(await firstRequest(path.join(work, `fresh-${i}`), "m"))
  const warmRuns = path.join(work, "warm")
  await firstRequest(warmRuns, "m-0")
  const warm = []
  for (let i = 1; i <= rounds; i++) warm.push(await firstRequest(warmRuns, `m-${i}`))
  line("fresh store", fresh)
  line("warm store", warm)
  console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`)
} finally {
  await server.close()
  fs.rmSync(work, { recursive: true, force: true })
}
