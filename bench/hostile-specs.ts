// Benchmark: `distill validate` on hostile specs (alias bombs, a 50 MB file, /dev/zero, a FIFO, deep nesting): exit code, wall time, peak RSS.
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import { loadSpec } from "../src/spec/index.ts"

const root = fileURLToPath(new URL("../", import.meta.url))
const main = path.join(root, "src", "cli", "main.ts")
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-specs-"))
const timeBin = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined

const bomb = (levels: number): string => {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(",")}]`)
  return `${lines.join("\n")}\n`
}

const write = (name: string, text: string): string => {
  const file = path.join(dir, name)
  fs.writeFileSync(file, text)
  return file
}

const cases: Array<readonly [string, string]> = [
  ["1 KB alias bomb (9 levels)", write("bomb9.yaml", bomb(9))],
  ["6-level alias bomb", write("bomb6.yaml", bomb(6))],
  ["50 MB of small mappings", write("big.yaml", "k: { a: 1, b: [x, y] }\n".repeat(Math.ceil(50e6 / 23)))],
  ["256 KB of small mappings (at the size cap)", write("cap.yaml", Array.from({ length: 11_000 }, (_, i) => `k${i}: { a: 1, b: [x, y] }`).join("\n").slice(0, 256 * 1024 - 1))],
  ["include of /dev/zero", write("zero.yaml", "include: [/dev/zero]\n")],
  ["100,000 nested brackets (200 KB)", write("deep.yaml", `a: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`)]
]
if (spawnSync("mkfifo", [path.join(dir, "pipe.yaml")]).status === 0) cases.push(["include of a FIFO", write("fifo.yaml", "include: [pipe.yaml]\n")])

/** Milliseconds loadSpec takes in this process (the spec's own share, without Node's start-up). */
const inProcessMs = async (file: string): Promise<number> => {
  const t = performance.now()
  await Effect.runPromise(Effect.exit(loadSpec(file)))
  return performance.now() - t
}

console.log(`distill validate on hostile specs (goal: exit 2, a located message, < 2 s, < 300 MB)`)
cases.unshift(["baseline: the valid quickstart spec", path.join(root, "experiments", "quickstart.yaml")])
for (const [label, file] of cases) {
  const ms = await inProcessMs(file)
  const args = ["--disable-warning=ExperimentalWarning", main, "validate", file]
  const started = performance.now()
  const r = timeBin === undefined
    ? spawnSync(process.execPath, args, { encoding: "utf8", timeout: 60_000 })
    : spawnSync(timeBin, ["-f", "%M", process.execPath, ...args], { encoding: "utf8", timeout: 60_000 })
  const seconds = (performance.now() - started) / 1000
  const lines = r.stderr.trim().split("\n")
  const rssKb = timeBin === undefined ? undefined : Number(lines.pop())
  const message = [...lines, ...r.stdout.trim().split("\n")].find((l) => /:\d+:\d+:/.test(l)) ?? "(no located message)"
  const rss = rssKb === undefined || Number.isNaN(rssKb) ? "n/a" : `${(rssKb / 1024).toFixed(0)} MB`
  console.log(`${label}: exit ${r.status}, ${seconds.toFixed(2)} s wall (loadSpec ${ms.toFixed(0)} ms), peak RSS ${rss}\n  ${message.replace(dir + path.sep, "").slice(0, 160)}`)
}
fs.rmSync(dir, { recursive: true, force: true })
