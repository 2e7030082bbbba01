// Benchmark: CLI start-up (`./distill --help`, launcher checks included) and a no-op re-run of a finished spec.
// Usage: node bench/cli.ts [spec]   (default experiments/quickstart.yaml; runs it first if it is not finished)
import { spawnSync } from "node:child_process"
import { performance } from "node:perf_hooks"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const spec = process.argv[2] ?? "experiments/quickstart.yaml"
const launcher = path.join(root, "distill")

const time = (args: string[]) => {
  const t = performance.now()
  const r = spawnSync(launcher, args, { cwd: root, encoding: "utf8" })
  const ms = performance.now() - t
  if (r.status !== 0) throw new Error(`distill ${args.join(" ")} failed:\n${r.stderr}`)
  return { ms, stdout: r.stdout }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]

time(["--help"])
const help = Array.from({ length: 7 }, () => time(["--help"]).ms)
console.log(`./distill --help: median ${median(help).toFixed(0)} ms, min ${Math.min(...help).toFixed(0)} ms over ${help.length} runs (goal < 1000 ms)`)

const first = time(["run", spec])
if (!/ 0 failed/.test(first.stdout)) throw new Error(`the run of ${spec} did not finish cleanly:\n${first.stdout}`)
const noop = Array.from({ length: 3 }, () => time(["run", spec]))
for (const r of noop) if (!/: 0 executed/.test(r.stdout)) throw new Error(`re-run executed nodes:\n${r.stdout}`)
console.log(`no-op re-run of ${spec}: median ${median(noop.map((r) => r.ms)).toFixed(0)} ms (0 nodes executed; includes start-up, spec load, plan and hash checks)`)
