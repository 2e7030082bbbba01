// Benchmark: whole-process times of `./distill --help` (with and without the vendor bundle), `validate`, `plan` and a
// fully cached re-run (launcher included).
// Usage: node bench/cli.ts [spec] [--rounds N]   (default experiments/quickstart.yaml, 7 rounds; $DISTILL_RUNS picks the
// runs directory; the spec is run to completion first if it is not finished, which takes minutes for the quickstart).
// CPU time is printed beside wall time: on a machine shared with other jobs it moves less than wall time.
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const args = process.argv.slice(2)
const roundsAt = args.indexOf("--rounds")
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 7
const spec = args[0] ?? "experiments/quickstart.yaml"
const launcher = path.join(root, "distill")

/** CPU ms (user + system) of this process's finished children, from /proc (10 ms ticks; undefined off Linux). */
const childrenCpuMs = (): number | undefined => {
  try {
    const fields = fs.readFileSync("/proc/self/stat", "utf8").replace(/^.*\) /s, "").split(" ")
    return (Number(fields[13]) + Number(fields[14])) * 10
  } catch {
    return undefined
  }
}

const time = (argv: ReadonlyArray<string>, env: NodeJS.ProcessEnv = process.env) => {
  const cpu0 = childrenCpuMs()
  const t = performance.now()
  const r = spawnSync(launcher, argv, { cwd: root, encoding: "utf8", env })
  const ms = performance.now() - t
  const cpu1 = childrenCpuMs()
  if (r.status !== 0) throw new Error(`distill ${argv.join(" ")} failed (exit ${r.status}):\n${r.stderr}`)
  return { ms, cpuMs: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0, stdout: r.stdout }
}

const median = (xs: ReadonlyArray<number>) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

/** Times `argv` `rounds` times after one warm-up and prints median, min and the ratio of the median to the goal. */
const measure = (label: string, argv: ReadonlyArray<string>, goalMs: number, check?: (stdout: string) => void, env?: NodeJS.ProcessEnv) => {
  check?.(time(argv, env).stdout)
  const runs = Array.from({ length: rounds }, () => {
    const r = time(argv, env)
    check?.(r.stdout)
    return r
  })
  const ms = runs.map((r) => r.ms)
  const cpu = runs.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]))
  const m = median(ms)
  console.log(`${label.padEnd(34)} median ${m.toFixed(0).padStart(5)} ms  min ${Math.min(...ms).toFixed(0).padStart(5)} ms  ` +
    `goal ${goalMs} ms  ratio ${(m / goalMs).toFixed(2)} ${m <= goalMs ? "met" : "NOT met"}` +
    (cpu.length === 0 ? "" : `  (CPU user+sys: median ${median(cpu).toFixed(0)} ms)`))
}

console.log(`${rounds} rounds each after a warm-up; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} on ${os.availableParallelism()} cores`)
measure("distill --help", ["--help"], 250)
measure("distill --help, no vendor bundle", ["--help"], 250, undefined, { ...process.env, DISTILL_VENDOR: "0" })
measure(`distill validate ${path.basename(spec)}`, ["validate", spec], 500)
measure(`distill plan ${path.basename(spec)}`, ["plan", spec], 500)

const first = time(["run", spec])
if (!/ 0 failed/.test(first.stdout)) throw new Error(`the run of ${spec} did not finish cleanly:\n${first.stdout}`)
measure(`cached re-run of ${path.basename(spec)}`, ["run", spec], 500, (stdout) => {
  if (!/: 0 executed/.test(stdout)) throw new Error(`the re-run executed nodes:\n${stdout}`)
})
console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`)
