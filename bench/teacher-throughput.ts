// Request-phase throughput: node:http loop, fetch loop and `distill run --only generate/t`, each a child process
// against one 100 ms loopback server, at several concurrencies and sizes; medians of N repetitions.
// Flags: --reps N (default 3), --sizes 1000,10000 (default), --100k (adds 100,000), --concurrency 64,16 (default).
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { NODE_HEAP_FLAGS } from "../src/run/heap-policy.ts"
import { flag, sizesArg } from "./args.ts"
import { type Figures, measure } from "./throughput/measure.ts"
import { startBenchServer } from "./throughput/server.ts"

const LATENCY_MS = 100
const root = fileURLToPath(new URL("..", import.meta.url))
const cli = path.join(root, "src", "cli", "main.ts")
const loopMain = path.join(root, "bench", "throughput", "loop-main.ts")

const reps = Number(flag("--reps") ?? 3)
const sizes = sizesArg()
const concurrencies = (flag("--concurrency") ?? "64,16").split(",").map(Number)

const server = await startBenchServer(LATENCY_MS)
const work = fs.mkdtempSync(path.join(os.tmpdir(), "teacher-throughput-"))
const env = { ...process.env, BENCH_KEY: "bench-key", NODE_COMPILE_CACHE: path.join(root, "node_modules", ".cache", "node-compile") }

const specText = (count: number, concurrency: number) => `name: throughput-${count}-c${concurrency}
data:
  train: { use: synthetic, with: { count: ${count}, steps: [2, 4], split: train, seed: 1 } }
  eval: { t: { use: synthetic, with: { count: 10, split: test } } }
teachers:
  t: { use: openai-compatible, with: { model: bench-model, base_url: "${server.url}/v1", api_key_env: BENCH_KEY }, max_tokens: 64, limits: { concurrency: ${concurrency} } }
judge: { use: math }
mixes: { m: { t: 1 } }
students: { family: tiny, sizes: [xs] }
train: { method: sft }
`

/** A runs folder whose datasets and leakage check are done, so a run of generate/t starts its calls at once. */
const template = async (count: number, concurrency: number): Promise<{ spec: string; runs: string }> => {
  const spec = path.join(work, `spec-${count}-c${concurrency}.yaml`)
  fs.writeFileSync(spec, specText(count, concurrency))
  const runs = path.join(work, `template-${count}-c${concurrency}`)
  await measure(server, [process.execPath, "--disable-warning=ExperimentalWarning", ...NODE_HEAP_FLAGS, cli, "run", spec, "--only", "leakage"],
    { ...env, DISTILL_RUNS: runs }, 0)
  return { spec, runs }
}

type Path = "node:http loop" | "fetch loop" | "distill generate"
const PATHS: ReadonlyArray<Path> = ["node:http loop", "fetch loop", "distill generate"]

const runOnce = async (p: Path, count: number, concurrency: number, t: { spec: string; runs: string }, rep: number): Promise<Figures> => {
  if (p !== "distill generate") {
    return measure(server, [process.execPath, loopMain, p === "node:http loop" ? "http" : "fetch", server.url, String(count), String(concurrency)], env, count)
  }
  const runs = path.join(work, `runs-${count}-c${concurrency}-${rep}`)
  fs.cpSync(t.runs, runs, { recursive: true })
  try {
    return await measure(server, [process.execPath, "--disable-warning=ExperimentalWarning", ...NODE_HEAP_FLAGS, cli, "run", t.spec, "--only", "generate/t"],
      { ...env, DISTILL_RUNS: runs }, count)
  } finally {
    fs.rmSync(runs, { recursive: true, force: true })
  }
}

const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const KEYS = ["wallMs", "spanMs", "beforeFirstMs", "cpuMsPerRequest", "spanCpuMsPerRequest", "peakRssMb"] as const
const medianOf = (runs: ReadonlyArray<Figures>): Record<(typeof KEYS)[number], number> =>
  Object.fromEntries(KEYS.map((k) => [k, median(runs.map((r) => r[k]))])) as Record<(typeof KEYS)[number], number>

const verdict = (ok: boolean) => (ok ? "met" : "NOT met")
const rssBySize = new Map<number, number>()

console.log(`loopback OpenAI-compatible server, ${LATENCY_MS} ms per answer; every client a child process; medians of ${reps} repetitions (paths interleaved); ${os.cpus().length} CPUs`)
for (const count of sizes) {
  for (const concurrency of concurrencies) {
    const t = await template(count, concurrency)
    const runs = new Map<Path, Array<Figures>>(PATHS.map((p) => [p, []]))
    for (let rep = 0; rep < reps; rep++) for (const p of PATHS) runs.get(p)!.push(await runOnce(p, count, concurrency, t, rep))
    const med = new Map(PATHS.map((p) => [p, medianOf(runs.get(p)!)]))
    const base = med.get("node:http loop")!
    console.log(`\n${count.toLocaleString("en")} prompts, concurrency ${concurrency}`)
    console.table(PATHS.map((p) => {
      const m = med.get(p)!
      return {
        path: p,
        "wall s": (m.wallMs / 1_000).toFixed(2),
        "x wall": (m.wallMs / base.wallMs).toFixed(3),
        "span s": (m.spanMs / 1_000).toFixed(2),
        "x span": (m.spanMs / base.spanMs).toFixed(3),
        "before 1st s": (m.beforeFirstMs / 1_000).toFixed(2),
        "CPU ms/req": m.cpuMsPerRequest.toFixed(3),
        "span CPU ms/req": m.spanCpuMsPerRequest.toFixed(3),
        "peak RSS MB": m.peakRssMb.toFixed(0),
        "x RSS": (m.peakRssMb / base.peakRssMb).toFixed(2)
      }
    }))
    const d = med.get("distill generate")!
    const wall = d.wallMs / base.wallMs
    const span = d.spanMs / base.spanMs
    const goals = concurrency === 64
      ? [`wall ${wall.toFixed(3)}x (goal <= 1.1x): ${verdict(wall <= 1.1)}`, `span ${span.toFixed(3)}x (goal <= 1.05x): ${verdict(span <= 1.05)}`]
      : [`wall ${wall.toFixed(3)}x, span ${span.toFixed(3)}x (goal <= 1.05x): ${verdict(wall <= 1.05)} / ${verdict(span <= 1.05)}`]
    goals.push(`CPU ${d.cpuMsPerRequest.toFixed(3)} ms/req whole process, ${d.spanCpuMsPerRequest.toFixed(3)} in the span (goal <= 0.4): ${verdict(d.cpuMsPerRequest <= 0.4)} / ${verdict(d.spanCpuMsPerRequest <= 0.4)}`)
    goals.push(`peak RSS ${d.peakRssMb.toFixed(0)} MB (goal <= 150): ${verdict(d.peakRssMb <= 150)}`)
    console.log(`distill goals: ${goals.join("; ")}`)
    const byTenth = (p: Path) => {
      const all = runs.get(p)!.map((r) => r.spanCpuMsPerRequestByTenth)
      return all[0]!.map((_, i) => median(all.map((tenths) => tenths[i] ?? Number.NaN)).toFixed(2)).join(" ")
    }
    if (count >= 100) {
      console.log(`span CPU ms/req by tenth of the answers (warm-up): distill ${byTenth("distill generate")}; node:http loop ${byTenth("node:http loop")}`)
    }
    rssBySize.set(count, Math.max(rssBySize.get(count) ?? 0, d.peakRssMb))
  }
}
if (rssBySize.size > 1) {
  const list = [...rssBySize]
  const growth = list.at(-1)![1] / list[0]![1]
  console.log(`\ndistill peak RSS by size: ${list.map(([n, mb]) => `${n.toLocaleString("en")}: ${mb.toFixed(0)} MB`).join(", ")}; ` +
    `${growth.toFixed(2)}x from the smallest to the largest (flat: <= 1.15x): ${verdict(growth <= 1.15)}`)
}
await server.close()
fs.rmSync(work, { recursive: true, force: true })
