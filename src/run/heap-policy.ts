// V8 heap sizing for long runs: a fixed-size young generation and a tighter old-generation limit, set once per process.
import * as v8 from "node:v8"
import * as vm from "node:vm"
import { PerformanceObserver } from "node:perf_hooks"

/** How the heap is held in. */
export interface HeapPolicy {
  /** Largest young generation (both semi-spaces), in bytes. */
  readonly youngBytes: number
  /** The old generation may grow to (1 + this / 100) times what survived the last full collection. */
  readonly oldGrowthPercent: number
}

/**
 * The policy of `distill run`. Measured on the teacher-throughput benchmark (10,000 prompts at concurrency 64):
 * V8 by default doubles the young generation whenever the bytes that survived scavenges since the last doubling
 * exceed its size, so any long run ends at the 128 MB maximum, and promoted garbage lets the old generation reach
 * about four times its live size; peak RSS went 160 MB (1,000 prompts) -> 251 MB (10,000). With 32 MB of young
 * generation and 50% old-generation growth it was 160-170 MB at 10,000. Holding the young generation at 16 MB
 * (both semi-spaces, 8 MB each: the size start-up reaches first) took 100,000 prompts from 153 to 138 MiB peak RSS
 * for about 17 us of collection per request (scavenges: 61 taking 210 ms over 10,000 prompts at 32 MB, 119 taking
 * 385 ms at 16 MB; full collections unchanged).
 */
export const RUN_HEAP: HeapPolicy = { youngBytes: 16 << 20, oldGrowthPercent: 50 }

/**
 * Node flags the `distill` launcher starts the CLI with (and benchmarks that spawn it pass too): V8's own cap on the
 * young generation, two 8 MB semi-spaces, `RUN_HEAP.youngBytes`. The policy's hold acts from the event loop, after
 * collections; a step that computes for seconds without turning it (judging, filtering or mixing 100,000 samples)
 * had grown the young generation to V8's 128 MB maximum first: peak RSS of those steps 279 / 189 / 216 MB with the
 * policy alone, 184 / 131 / 159 MB with the cap. The request phase is unchanged (the policy already held it there).
 */
export const NODE_HEAP_FLAGS: ReadonlyArray<string> = [`--max-semi-space-size=${RUN_HEAP.youngBytes / 2 / (1 << 20)}`]

let installed: HeapPolicy | undefined

const newSpaceBytes = (): number => v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0

/**
 * One full collection now: V8 sets the old generation's next limit only after one. When the young generation is
 * already past `youngBytes` (start-up grew it), the collection is V8's memory-reducing one, which also shrinks it.
 */
const collectFully = (youngBytes: number): void => {
  v8.setFlagsFromString("--expose-gc")
  const gc = vm.runInNewContext("gc") as (options: { readonly type: "major"; readonly flavor: "regular" | "last-resort" }) => void
  gc({ type: "major", flavor: newSpaceBytes() > youngBytes ? "last-resort" : "regular" })
}

/** How long after the policy is applied its one full collection runs. */
export const COLLECT_AFTER_MS = 5_000

/**
 * Applies `policy` to this process (the first call wins; later ones return the policy in force). Node accepts heap
 * size flags only at start-up, so the young generation is held by its growth factor instead, read by V8 each time
 * it considers growing: 1 once the young generation has reached `youngBytes`, 2 (V8's default) below it, checked
 * after every collection. The old generation's growth is set, then `COLLECT_AFTER_MS` later (off the path to the
 * first request) one full collection (20-40 ms) puts its limit under it rather than at the next full collection,
 * which start-up's limit would put off for long.
 */
export const applyHeapPolicy = (policy: HeapPolicy = RUN_HEAP): HeapPolicy => {
  if (installed !== undefined) return installed
  installed = policy
  v8.setFlagsFromString(`--heap-growing-percent=${Math.max(1, Math.round(policy.oldGrowthPercent))}`)
  let held = false
  const check = () => {
    const hold = newSpaceBytes() >= policy.youngBytes
    if (hold === held) return
    held = hold
    v8.setFlagsFromString(`--semi-space-growth-factor=${hold ? 1 : 2}`)
  }
  new PerformanceObserver(check).observe({ entryTypes: ["gc"] })
  // not before the first requests: the collection waits until start-up is over (and never holds the process open)
  setTimeout(() => {
    collectFully(policy.youngBytes)
    check()
  }, COLLECT_AFTER_MS).unref()
  return policy
}
