// Benchmark: CPU per call of the call policy (limits, timeout, retries, budget) around a teacher answering after 1 ms,
// against the bare teacher; a teacher that keeps its own deadline (generateWithin) and one the policy races a timer
// against, and the same calls through a policy caller resolved once. Prints figures. Usage: node bench/call-policy.ts [--calls N] [--reps R]   (20,000 calls at c64, 3 reps)
import { performance } from "node:perf_hooks"
import { Effect, Layer } from "effect"
import type { Completion, TeacherRequest, TeacherService } from "../src/plugins/index.ts"
import { Budget } from "../src/provider/budget.ts"
import { callWithPolicy, policyCaller } from "../src/provider/call.ts"
import { RateLimits } from "../src/provider/rate-limits.ts"

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}
const calls = option("--calls", 20_000)
const reps = option("--reps", 3)
const CONCURRENCY = 64

const completion: Completion = { text: "4", usage: { inputTokens: 10, outputTokens: 2 }, finishReason: "stop" }
const answer = () => Effect.callback<Completion>((resume) => {
  const timer = setTimeout(() => resume(Effect.succeed(completion)), 1)
  return Effect.sync(() => clearTimeout(timer))
})
const raced: TeacherService = { provider: "bench", model: "m", rateKey: "bench|raced", generate: answer }
const within: TeacherService = { ...raced, rateKey: "bench|within", generateWithin: answer }
const request: TeacherRequest = { prompt: "What is 2 + 2?", sampleIndex: 0, sampling: { temperature: 0, maxTokens: 16 } }
const policy = { limits: { concurrency: CONCURRENCY } }

type One = () => Effect.Effect<unknown, unknown, RateLimits | Budget>
/** Each path: how one call is made, prepared once per measured batch. */
const paths: ReadonlyArray<readonly [string, Effect.Effect<One, never, RateLimits | Budget>]> = [
  ["bare teacher.generate", Effect.succeed(() => raced.generate(request))],
  ["policy, timer raced against generate", Effect.succeed(() => callWithPolicy(raced, request, policy))],
  ["policy, teacher keeps the deadline (generateWithin)", Effect.succeed(() => callWithPolicy(within, request, policy))],
  ["policy caller resolved once (generateWithin)", Effect.map(policyCaller(within, policy), (call): One => () => call(request))]
]

/** CPU (user + sys) per call, in µs, over `n` calls `CONCURRENCY` at a time. */
const cpuPerCall = async (prepare: Effect.Effect<One, never, RateLimits | Budget>, n: number): Promise<number> => {
  const program = Effect.flatMap(prepare, (one) => Effect.forEach(Array.from({ length: n }), one, { concurrency: CONCURRENCY, discard: true }))
    .pipe(Effect.provide(Layer.mergeAll(RateLimits.layer, Budget.layer({}))))
  const before = process.cpuUsage()
  await Effect.runPromise(program as Effect.Effect<void, unknown>)
  const used = process.cpuUsage(before)
  return (used.user + used.system) / n
}

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
console.log(`${calls.toLocaleString("en-US")} calls at concurrency ${CONCURRENCY}, teacher answering after 1 ms; medians of ${reps} (paths interleaved)`)
for (const [, one] of paths) await cpuPerCall(one, 2_000)
const results = paths.map(() => [] as Array<number>)
const started = performance.now()
for (let r = 0; r < reps; r++) for (const [i, [, one]] of paths.entries()) results[i]!.push(await cpuPerCall(one, calls))
for (const [i, [name]] of paths.entries()) console.log(`${name.padEnd(52)} ${median(results[i]!).toFixed(1).padStart(6)} µs CPU per call`)
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`)
