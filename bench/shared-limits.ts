// Benchmark: cost of one admission through a rate-limit window shared on disk, against an in-process one. Prints figures.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import { Effect } from "effect"
import { RateLimits } from "../src/provider/rate-limits.ts"

const N = 5_000
/** A tokens/min limit so high that no admission waits: what is measured is the bookkeeping alone. */
const limits = { tokensPerMinute: 1e15, concurrency: 1 }

const measure = (layer: typeof RateLimits.layer) =>
  Effect.runPromise(Effect.gen(function*() {
    const limiter = yield* (yield* RateLimits).forKey("bench", limits)
    for (let i = 0; i < 200; i++) yield* limiter.run(1, Effect.void)
    const t = performance.now()
    for (let i = 0; i < N; i++) yield* limiter.run(1, Effect.void)
    return (performance.now() - t) / N
  }).pipe(Effect.provide(layer)))

const memory = await measure(RateLimits.layer)
console.log(`admissions: ${N}, one process, no waiting`)
console.log(`in-process window: ${(memory * 1000).toFixed(1)} us per admission`)
for (const root of [...new Set([os.tmpdir(), ...(fs.existsSync("/dev/shm") ? ["/dev/shm"] : [])])]) {
  const dir = fs.mkdtempSync(path.join(root, "bench-limits-"))
  const shared = await measure(RateLimits.shared(dir))
  console.log(`shared window (file + lock in ${root}): ${(shared * 1000).toFixed(1)} us per admission, ${Math.round(1000 / shared)} admissions/s`)
  fs.rmSync(dir, { recursive: true, force: true })
}
