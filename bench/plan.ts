// Benchmark: planning time of a >= 2,000-node grid (pure planner, no I/O). Prints figures; asserts nothing.
import { performance } from "node:perf_hooks"
import { buildPlan } from "../src/plan/build.ts"
import { gridSpec } from "../tests/support/plannable.ts"

const spec = gridSpec({ teachers: 6, sizes: 8, evals: 5, methods: ["sft", "lora"], seeds: [1, 2, 3] })
buildPlan(spec)
const runs = 10
const times: number[] = []
let nodes = 0
for (let i = 0; i < runs; i++) {
  const t = performance.now()
  nodes = buildPlan(spec).nodes.length
  times.push(performance.now() - t)
}
times.sort((a, b) => a - b)
console.log(`grid: 6 teachers x 7 mixes x 8 sizes x 2 methods x 3 seeds x 5 eval sets`)
console.log(`nodes planned: ${nodes}`)
console.log(`planning time: median ${times[runs >> 1].toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times[runs - 1].toFixed(1)} ms (goal < 1000 ms)`)
