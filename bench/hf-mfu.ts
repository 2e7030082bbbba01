// Benchmark: training tokens/s and MFU of the hf trainer (TRL SFTTrainer on a tiny random Qwen2) next to the tiny
// byte-level trainer at about the same parameter count, on the same traces.
// Usage: node bench/hf-mfu.ts [sizes=s,m] [steps=20]
import { execFileSync, spawnSync } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer } from "effect"
import hfPlugin from "../plugins/trainer/hf/index.ts"
import torchPlugin from "../plugins/trainer/torch/index.ts"
import sizes from "../plugins/trainer/torch/python/distill_torch/sizes.json" with { type: "json" }
import { PluginHost, Trainer, type TrainEvent } from "../src/plugins/index.ts"
import { HF_PYTHON_DIR, pythonPath } from "../src/students/python-packages.ts"
import { findTorchPython } from "../src/students/python.ts"

const names = (process.argv[2] ?? "s,m").split(",")
const steps = Number(process.argv[3] ?? 20)
const dir = mkdtempSync(join(tmpdir(), "bench-hf-"))

const traces = (count: number): string => {
  let s = 42
  const rnd = (n: number) => (s = (s * 1103515245 + 12345) % 2147483648) % n
  const rows: string[] = []
  for (let i = 0; i < count; i++) {
    const nums = Array.from({ length: 2 + rnd(4) }, () => 10 + rnd(990))
    let acc = nums[0]!
    const lines = nums.slice(1).map((n) => `${acc} + ${n} = ${(acc += n)}. `)
    const pad = "Check: carry the tens and add the units. ".repeat(rnd(8))
    rows.push(JSON.stringify({ id: `b${i}`, prompt: `Solve the following math problem.\nProblem: Add ${nums.join(", ")}.\nAnswer:`, completion: ` ${lines.join("")}${pad}Final Answer: \\boxed{${acc}}` }))
  }
  return rows.join("\n") + "\n"
}
const trainFile = join(dir, "train.jsonl")
writeFileSync(trainFile, traces(steps * 32))

const host = Layer.succeed(PluginHost, { cacheDir: dir, specDir: dir, teacher: () => Effect.die("unused"), env: (n) => process.env[n] })
const commandFor = (plugin: "torch" | "hf", jobFile: string) => Effect.runPromise(Effect.gen(function*() {
  return yield* (yield* Trainer).command(jobFile)
}).pipe(Effect.provide(plugin === "torch"
  ? torchPlugin.layer({ threads: 0, peak_gflops: 0 }).pipe(Layer.provide(host))
  : hfPlugin.layer({ threads: 0, peak_gflops: 0, offline: true, launcher: "python", gpus: 1 }).pipe(Layer.provide(host)))))

const train = async (plugin: "torch" | "hf", name: string, job: Record<string, unknown>) => {
  const jobFile = join(dir, `${name}.job.json`)
  writeFileSync(jobFile, JSON.stringify({ ...job, seed: 1, trainFile, outputDir: join(dir, name) }))
  const cmd = await commandFor(plugin, jobFile)
  const r = spawnSync(cmd.command, [...cmd.args], { env: { ...process.env, ...cmd.env }, encoding: "utf8", maxBuffer: 1 << 26 })
  const done = r.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as TrainEvent).find((e) => e.event === "done")
  if (done?.event !== "done") throw new Error(`${name} failed: ${r.stdout.slice(-300)} ${r.stderr.slice(-500)}`)
  return done.metrics
}

const { python } = await Effect.runPromise(findTorchPython())
const dims = sizes.tiny as Record<string, { d_model: number; n_layers: number; n_heads: number; d_ff: number }>
console.log(`trainer  size  params     tokens/s  MFU    peak GFLOP/s  seconds  (${steps} steps of 32 sequences; hf: Qwen2, SwiGLU width 2/3 d_ff)`)
for (const size of names) {
  const d = dims[size]!
  const row = (trainer: string, m: Readonly<Record<string, number>>) =>
    console.log(`${trainer.padEnd(8)} ${size.padEnd(5)} ${String(m["params"]).padEnd(10)} ${m["tokens_per_s"]!.toFixed(0).padEnd(9)} ${(100 * m["mfu"]!).toFixed(1).padStart(4)}%  ${m["peak_gflops"]!.toFixed(1).padEnd(13)} ${m["train_seconds"]!.toFixed(1)}`)
  row("tiny", await train("torch", `tiny-${size}`, { family: "tiny", size, method: "sft", hyper: { epochs: 1, batch_size: 32, lr: 0.002, max_len: 768, max_steps: steps } }))
  const model = join(dir, `qwen2-${size}`)
  execFileSync(python, ["-m", "distill_hf", "tiny", model, "--hidden", String(d.d_model), "--layers", String(d.n_layers), "--heads", String(d.n_heads),
    "--kv-heads", String(d.n_heads), "--intermediate", String(Math.round((2 * d.d_ff) / 3))], { env: { ...process.env, PYTHONPATH: pythonPath(HF_PYTHON_DIR) }, stdio: "ignore" })
  row("hf", await train("hf", `hf-${size}`, { family: "bench", size, method: "sft", sizeConfig: { model },
    hyper: { epochs: 1, batch_size: 32, micro_batch_size: 32, lr: 0.002, max_len: 768, max_steps: steps, checkpoint_every: 100000 } }))
}
console.log(`outputs in ${dir}`)
