// What the per-sample state of a generate run costs: the raw tier's span index and the node's tallies, in bytes and
// time per sample, as a fresh run fills them (every key new). Flags: --sizes 10000,100000,1000000 (default).
import * as v8 from "node:v8"
import * as vm from "node:vm"
import * as os from "node:os"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import { tallyGenerations } from "../src/steps/generation-tallies.ts"
import { spanIndex } from "../src/store/span-index.ts"
import { flag } from "./args.ts"

const sizes = (flag("--sizes") ?? "10000,100000,1000000").split(",").map(Number)

v8.setFlagsFromString("--expose-gc")
const gc = vm.runInNewContext("gc") as () => void
const settled = () => {
  gc()
  gc()
  const m = process.memoryUsage()
  return { buffers: m.arrayBuffers, heap: m.heapUsed, rss: m.rss }
}

/** A raw key as `rawKey` makes them: 64 hex digits. */
const keyOf = (i: number) => (i * 2654435761 >>> 0).toString(16).padStart(8, "0").repeat(8)

console.log(`fresh run: every sample's raw key looked up (a miss) and added, every sample's outcome tallied; ${os.cpus().length} CPUs`)
const rows = []
for (const n of sizes) {
  const before = settled()
  const index = spanIndex()
  let t0 = performance.now()
  for (let i = 0; i < n; i++) {
    const key = keyOf(i)
    if (index.find(key, () => true) === undefined) index.add(key, { offset: i * 400, bytes: 399 })
  }
  const indexNs = ((performance.now() - t0) * 1e6) / n
  const tallies = tallyGenerations(path.join(os.tmpdir(), `absent-${process.pid}.jsonl`))
  t0 = performance.now()
  for (let i = 0; i < n; i++) {
    tallies.add({ problemId: `syn-train-${i.toString(16).padStart(12, "0")}`, sampleIndex: 0, status: "ok", usage: { inputTokens: 40, outputTokens: 60 } })
  }
  const talliesNs = ((performance.now() - t0) * 1e6) / n
  const after = settled()
  if (index.size() !== n || tallies.totals().samples !== n) throw new Error("an index lost a sample")
  rows.push({
    samples: n.toLocaleString("en"),
    "typed-array B/sample": ((after.buffers - before.buffers) / n).toFixed(1),
    "JS heap B/sample": ((after.heap - before.heap) / n).toFixed(1),
    "RSS MB": ((after.rss - before.rss) / 2 ** 20).toFixed(1),
    "span index ns/sample": indexNs.toFixed(0),
    "tallies ns/sample": talliesNs.toFixed(0)
  })
}
console.table(rows)
