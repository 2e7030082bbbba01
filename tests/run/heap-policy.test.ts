// The run's heap policy, in a child process: the young generation stops growing at its cap; without it V8 grows it on.
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { NODE_HEAP_FLAGS, RUN_HEAP } from "../../src/run/heap-policy.ts"
import { repoRoot } from "../support/cli.ts"

/**
 * Allocates short-lived garbage beside a sliding window of survivors, turning the event loop between bursts as an
 * I/O-bound run does (the policy looks after each collection, from the event loop), then prints the young generation's size.
 */
const script = (apply: boolean) => `
import * as v8 from "node:v8"
import { applyHeapPolicy, RUN_HEAP } from ${JSON.stringify(path.join(repoRoot, "src", "run", "heap-policy.ts"))}
const cap = 4 << 20
if (${apply}) {
  const p = applyHeapPolicy({ youngBytes: cap, oldGrowthPercent: 50 })
  if (applyHeapPolicy(RUN_HEAP) !== p) throw new Error("a second call replaced the policy")
}
const keep = []
for (let round = 0; round < 4_000; round++) {
  for (let i = 0; i < 1_000; i++) { keep.push({ i, s: "x" + i, a: [i, i] }); if (keep.length > 30_000) keep.splice(0, 15_000) }
  await new Promise((r) => setImmediate(r))
}
const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size
console.log(JSON.stringify({ young, cap }))
`

const youngAfter = (apply: boolean): { young: number; cap: number } => {
  const r = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", "--input-type=module", "-e", script(apply)], { encoding: "utf8", timeout: 120_000 })
  expect(r.stderr).toBe("")
  return JSON.parse(r.stdout) as { young: number; cap: number }
}

describe("heap policy", () => {
  it("holds the young generation at its cap (one doubling past it at most), where V8 alone grows it further", () => {
    const held = youngAfter(true)
    const free = youngAfter(false)
    expect(held.young).toBeGreaterThanOrEqual(held.cap)
    expect(held.young).toBeLessThanOrEqual(2 * held.cap)
    expect(free.young).toBeGreaterThan(2 * held.cap)
  })

  // a step that computes without turning the event loop: the policy never gets to look; only V8's own cap holds
  const syncScript = `
import * as v8 from "node:v8"
import { applyHeapPolicy, RUN_HEAP } from ${JSON.stringify(path.join(repoRoot, "src", "run", "heap-policy.ts"))}
applyHeapPolicy(RUN_HEAP)
const keep = []
for (let i = 0; i < 4_000_000; i++) { keep.push({ i, s: "x" + i, a: [i, i] }); if (keep.length > 300_000) keep.splice(0, 150_000) }
console.log(v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size)
`
  const youngSync = (flags: ReadonlyArray<string>): number => {
    const r = spawnSync(process.execPath, [...flags, "--disable-warning=ExperimentalWarning", "--input-type=module", "-e", syncScript], { encoding: "utf8", timeout: 120_000 })
    expect(r.stderr).toBe("")
    return Number(r.stdout)
  }

  it("with the launcher's flags the young generation stays at RUN_HEAP's size through synchronous work, which the policy alone lets grow", () => {
    expect(youngSync(NODE_HEAP_FLAGS)).toBeLessThanOrEqual(RUN_HEAP.youngBytes)
    expect(youngSync([])).toBeGreaterThan(2 * RUN_HEAP.youngBytes)
  })

  it("the launcher starts the CLI with those flags", () => {
    const launcher = fs.readFileSync(path.join(repoRoot, "distill"), "utf8")
    const start = launcher.split("\n").find((l) => l.startsWith("exec") && l.includes("src/cli/main.ts"))!
    for (const flag of NODE_HEAP_FLAGS) expect(start.split(" ")).toContain(flag)
  })
})
