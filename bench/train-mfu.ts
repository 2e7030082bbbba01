// Benchmark: trains tiny sizes briefly on synthetic arithmetic traces and prints params, tokens/s and MFU per size.
// Usage: node bench/train-mfu.ts [sizes=s,m,l] [steps=40]
import { spawnSync } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer } from "effect"
import torchPlugin from "../plugins/trainer/torch/index.ts"
import { PluginHost, Trainer, type TrainEvent } from "../src/plugins/index.ts"

const sizes = (process.argv[2] ?? "s,m,l").split(",")
const steps = Number(process.argv[3] ?? 40)
const dir = mkdtempSync(join(tmpdir(), "bench-train-"))

/** ~150-byte prompts and 60-600-byte step-by-step completions, like the quickstart traces. */
const traces = (count: number): string => {
  let s = 42
  const rnd = (n: number) => (s = (s * 1103515245 + 12345) % 2147483648) % n
  const rows: string[] = []
  for (let i = 0; i < count; i++) {
    const nums = Array.from({ length: 2 + rnd(4) }, () => 10 + rnd(990))
    let acc = nums[0]!
    const lines = nums.slice(1).map((n) => `${acc} + ${n} = ${(acc += n)}. `)
    const pad = "Check: carry the tens and add the units. ".repeat(rnd(8))
    const prompt = `Solve the following math problem. Present the final answer in the format: Final Answer: \\boxed{x}.\nProblem: Add ${nums.join(", ")}.\nAnswer:`
    rows.push(JSON.stringify({ id: `b${i}`, prompt, completion: ` ${lines.join("")}${pad}Final Answer: \\boxed{${acc}}` }))
  }
  return rows.join("\n") + "\n"
}

const trainFile = join(dir, "train.jsonl")
writeFileSync(trainFile, traces(steps * 32))
const host = Layer.succeed(PluginHost, { cacheDir: dir, specDir: dir, teacher: () => Effect.die("unused"), env: (n) => process.env[n] })
const commandFor = (jobFile: string) => Effect.runPromise(Effect.gen(function*() {
  return yield* (yield* Trainer).command(jobFile)
}).pipe(Effect.provide(torchPlugin.layer({ threads: 0, peak_gflops: 0 }).pipe(Layer.provide(host)))))

console.log(`size  params     tokens/s  MFU    peak GFLOP/s  seconds  (${steps} steps of 32 sequences)`)
for (const size of sizes) {
  const jobFile = join(dir, `${size}.job.json`)
  writeFileSync(jobFile, JSON.stringify({
    family: "tiny", size, method: "sft", hyper: { epochs: 1, batch_size: 32, lr: 0.002, max_len: 768 },
    seed: 1, trainFile, outputDir: join(dir, size)
  }))
  const cmd = await commandFor(jobFile)
  const r = spawnSync(cmd.command, [...cmd.args], { env: { ...process.env, ...cmd.env }, encoding: "utf8", maxBuffer: 1 << 26 })
  const events = r.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as TrainEvent)
  const done = events.find((e) => e.event === "done")
  if (done?.event !== "done") {
    console.log(`${size}: failed ${JSON.stringify(events.at(-1))} ${r.stderr.slice(-500)}`)
    continue
  }
  const m = done.metrics
  console.log(`${size.padEnd(5)} ${String(m["params"]).padEnd(10)} ${m["tokens_per_s"]!.toFixed(0).padEnd(9)} ${(100 * m["mfu"]!).toFixed(1).padStart(4)}%  ${m["peak_gflops"]!.toFixed(1).padEnd(13)} ${m["train_seconds"]!.toFixed(1)}`)
}
console.log(`outputs in ${dir}`)
