// Throughput of the openai-compatible teacher under callWithPolicy versus bare fetch, against a 100 ms loopback server.
import { isMainThread, parentPort, Worker } from "node:worker_threads"
import { Effect, Layer } from "effect"
import openaiCompatible from "../plugins/teacher/openai-compatible/index.ts"
import { PluginHost, Teacher, type TeacherService } from "../src/plugins/index.ts"
import { Budget, callWithPolicy, RateLimits } from "../src/provider/index.ts"
import { startLoopback } from "../tests/support/providers/loopback.ts"
import { openAiWire } from "../tests/support/providers/openai-wire.ts"

const PROMPTS = 1_000
const CONCURRENCY = 64
const LATENCY_MS = 100
const MODEL = "bench-model"
/** Interleaved rounds per path; the median round is reported (the machine's other load varies). */
const ROUNDS = 3

interface PhaseResult {
  readonly name: string
  readonly wallMs: number
  readonly ok: number
  readonly peakRssMb: number
}

/** Runs `work`, sampling RSS every 20 ms for the phase's peak. */
const phase = async (name: string, work: () => Promise<number>): Promise<PhaseResult> => {
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss) }, 20)
  const start = performance.now()
  const ok = await work()
  const wallMs = performance.now() - start
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  return { name, wallMs, ok, peakRssMb: peak / 2 ** 20 }
}

const prompts = Array.from({ length: PROMPTS }, (_, i) => `What is ${i} + ${i}?`)

/** Plain fetch calls of the same chat completion, `CONCURRENCY` at a time. */
const bareFetch = async (url: string): Promise<number> => {
  let next = 0
  let ok = 0
  const worker = async () => {
    while (next < prompts.length) {
      const prompt = prompts[next++]!
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer bench-key" },
        body: JSON.stringify({ model: MODEL, messages: [{ role: "user", content: prompt }], temperature: 0, max_tokens: 64 })
      })
      const body = (await response.json()) as { choices?: Array<{ message?: { content?: string } }> }
      if (response.ok && typeof body.choices?.[0]?.message?.content === "string") ok += 1
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  return ok
}

/** The same calls through the plugin and the call policy (limits, budget, retries in place). */
const throughPolicy = (teacher: TeacherService): Promise<number> =>
  Effect.runPromise(
    Effect.forEach(
      prompts,
      (prompt) => callWithPolicy(teacher, { prompt, sampling: { temperature: 0, maxTokens: 64 }, sampleIndex: 0 }, {
        limits: { concurrency: CONCURRENCY, requestsPerMinute: 1_000_000, tokensPerMinute: 1_000_000_000 }
      }),
      { concurrency: CONCURRENCY }
    ).pipe(
      Effect.map((outcomes) => outcomes.filter((o) => o._tag === "ok").length),
      Effect.provide(Layer.mergeAll(RateLimits.layer, Budget.layer({ limitUsd: 1_000 })))
    )
  )

const buildTeacher = (url: string): Promise<TeacherService> =>
  Effect.runPromise(
    Effect.gen(function*() { return yield* Teacher }).pipe(
      Effect.provide(openaiCompatible.layer({
        model: MODEL,
        base_url: `${url}/v1`,
        api_key_env: "BENCH_KEY",
        require_api_key: true,
        timeout_ms: 60_000,
        max_tokens_field: "max_tokens",
        seed: false,
        think_tags: false,
        extra_body: {}
      }).pipe(Layer.provide(Layer.succeed(PluginHost, PluginHost.of({
        cacheDir: process.cwd(),
        specDir: process.cwd(),
        teacher: () => Effect.die("unused"),
        env: (name) => (name === "BENCH_KEY" ? "bench-key" : undefined)
      })))))
    )
  )

/** The server runs in a worker thread so its CPU work does not compete with the client's event loop. */
const startServerThread = (): Promise<{ readonly url: string; readonly stop: () => Promise<number> }> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url))
    worker.once("error", reject)
    worker.once("message", (url: string) => resolve({ url, stop: () => worker.terminate() }))
  })

const main = async (): Promise<void> => {
  const server = await startServerThread()
  const teacher = await buildTeacher(server.url)
  // warm both paths (connections, JIT) before measuring
  await bareFetch(server.url).then(() => throughPolicy(teacher))
  const bare: Array<PhaseResult> = []
  const policy: Array<PhaseResult> = []
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(await phase("bare fetch", () => bareFetch(server.url)))
    policy.push(await phase("plugin + callWithPolicy", () => throughPolicy(teacher)))
  }
  await server.stop()
  report(median(bare), median(policy))
}

/** The round with the median wall time, carrying the highest RSS seen over all rounds. */
const median = (rounds: ReadonlyArray<PhaseResult>): PhaseResult => {
  const sorted = [...rounds].sort((a, b) => a.wallMs - b.wallMs)
  return { ...sorted[Math.floor(sorted.length / 2)]!, peakRssMb: Math.max(...rounds.map((r) => r.peakRssMb)) }
}

const rps = (r: PhaseResult) => (r.ok / r.wallMs) * 1_000

/** Prints the comparison table. */
const report = (bare: PhaseResult, policy: PhaseResult): void => {
  const rows = [bare, policy].map((r) => ({
  path: r.name,
  "wall s": (r.wallMs / 1_000).toFixed(2),
  "req/s": rps(r).toFixed(0),
  "vs bare": (rps(r) / rps(bare)).toFixed(3),
  ok: `${r.ok}/${PROMPTS}`,
    "peak RSS MB": r.peakRssMb.toFixed(0)
  }))
  console.log(`${PROMPTS} prompts, concurrency ${CONCURRENCY}, server latency ${LATENCY_MS} ms (worker thread), ideal ${(CONCURRENCY * 1_000 / LATENCY_MS).toFixed(0)} req/s; median of ${ROUNDS} interleaved rounds`)
  console.table(rows)
  const ratio = rps(policy) / rps(bare)
  console.log(`ratio ${ratio.toFixed(3)} (goal >= 0.9): ${ratio >= 0.9 ? "met" : "NOT met"}; peak RSS is the process's, server thread included`)
}

if (isMainThread) {
  await main()
} else {
  const server = await startLoopback(openAiWire(), { latencyMs: LATENCY_MS })
  parentPort?.postMessage(server.url)
}
