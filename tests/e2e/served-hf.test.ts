// A tiny Hugging Face base student decoded in-process, through serve.py by URL, and through serve.py started by the backend: the same graded answers.
import { type ChildProcess, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { createInterface } from "node:readline"
import { afterAll, describe, expect, it } from "vitest"
import { HF_PYTHON_DIR, pythonPath } from "../../src/students/python-packages.ts"
import { hasHfStack, python } from "../plugins/trainer/hf/hf-fixture.ts"
import { distillAwait, repoRoot } from "../support/cli.ts"

const model = path.join(repoRoot, ".venv/tiny-models/qwen2")
const hasModel = fs.existsSync(path.join(model, "config.json"))
const children: ChildProcess[] = []
afterAll(() => { for (const c of children) c.kill("SIGKILL") })

const specText = (serve: string) => `name: served-hf
seed: 1
data:
  train: { use: synthetic, with: { count: 8, steps: [1, 1], max_value: 20, split: train } }
  eval:
    a:
      use: synthetic
      with: { count: 6, steps: [1, 2], max_value: 20, split: test, seed: 5 }
      prompt: "Q: {problem}\\nA:"
      stop: ["Q:"]
teachers:
  short: { use: synthetic-solver, with: { style: short } }
judge: { use: math }
mixes:
  short: { short: 1 }
students:
  family: tiny-hf
  sizes: [qwen2]
  trainer: { use: hf }
  size_config:
    qwen2: { model: ${model} }
train: { method: sft, max_steps: 1 }
evaluate:
  max_new_tokens: 24
${serve}`

interface Graded { sampleId: string; text: string; verdict: string; stopReason: string; outputTokens: number }

const runGraded = async (serve: string, node = "grade/base/qwen2/a", runs = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "served-hf-")), "runs")): Promise<{ graded: Graded[]; runs: string }> => {
  fs.mkdirSync(runs, { recursive: true })
  const spec = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "served-hf-spec-")), "spec.yaml")
  fs.writeFileSync(spec, specText(serve))
  const r = await distillAwait(["run", spec, "--only", node], { DISTILL_RUNS: runs, HF_HUB_OFFLINE: "1" })
  expect(r.status, r.stdout + r.stderr).toBe(0)
  const grade = fs.globSync(path.join(runs, "store/grade/*/manifest.json")).filter((m) => (JSON.parse(fs.readFileSync(m, "utf8")) as { id?: string }).id === node)
    .map((m) => path.join(path.dirname(m), "samples.jsonl")).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)
  const file = grade[0]!
  const graded = fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Graded)
    .map(({ sampleId, text, verdict, stopReason, outputTokens }) => ({ sampleId, text, verdict, stopReason, outputTokens }))
  return { graded: graded.sort((a, b) => a.sampleId.localeCompare(b.sampleId)), runs }
}

/** Processes whose command line holds both strings. */
const processesWith = (a: string, b: string): number[] => fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).flatMap((d) => {
  try {
    const cmd = fs.readFileSync(`/proc/${d}/cmdline`, "utf8")
    return cmd.includes(a) && cmd.includes(b) ? [Number(d)] : []
  } catch {
    return []
  }
})

describe.skipIf(!hasHfStack || !hasModel)("served hf students (needs ./distill setup: the venv and its tiny models)", () => {
  it("in-process, by URL and by a started server, greedy decoding gives the same graded answers", async () => {
    const local = await runGraded("")
    expect(local.graded).toHaveLength(6)
    expect(local.graded.some((g) => g.text.length > 0)).toBe(true)

    const server = spawn(python!, ["-m", "distill_hf", "serve", model, "--threads", "1"], {
      env: { ...process.env, PYTHONPATH: pythonPath(HF_PYTHON_DIR), HF_HUB_OFFLINE: "1" }, stdio: ["ignore", "pipe", "ignore"]
    })
    children.push(server)
    const port = await new Promise<number>((resolve, reject) => {
      createInterface({ input: server.stdout! }).on("line", (l) => { if (l.startsWith("{")) resolve((JSON.parse(l) as { port: number }).port) })
      server.on("exit", (c) => reject(new Error(`serve.py exited ${c}`)))
    })
    const byUrl = await runGraded(`  serve: { url: "http://127.0.0.1:${port}/v1", models: { base/qwen2: "${model}" }, concurrency: 2 }\n`)
    expect(byUrl.graded).toEqual(local.graded)
    server.kill("SIGKILL")

    const started = await runGraded([
      "  serve:",
      `    command: "${python} -m distill_hf serve {model} --port {port} --threads 1"`,
      `    env: { PYTHONPATH: "${pythonPath(HF_PYTHON_DIR)}", HF_HUB_OFFLINE: "1" }`,
      "    ready_timeout_s: 300",
      ""
    ].join("\n"))
    expect(started.graded).toEqual(local.graded)
    const log = fs.globSync(path.join(started.runs, "served-hf-*/*/events.jsonl")).flatMap((f) => fs.readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { event: string; node?: string }))
    expect(log.filter((e) => e.event === "job-submitted" && e.node === "serve/base/qwen2")).toHaveLength(1)
    expect(log.filter((e) => e.event === "job-cancelled" && e.node === "serve/base/qwen2")).toHaveLength(1)
    expect(processesWith("distill_hf\u0000serve\u0000", model).filter((pid) => pid !== server.pid), "no serve.py is left").toEqual([])
  }, 900_000)

  it("a trained student is served from its own weights directory", async () => {
    const node = "grade/short/qwen2/sft/s1/a"
    const local = await runGraded("", node)
    const served = await runGraded([
      "  serve:",
      `    command: "${python} -m distill_hf serve {model} --port {port} --threads 1"`,
      `    env: { PYTHONPATH: "${pythonPath(HF_PYTHON_DIR)}", HF_HUB_OFFLINE: "1" }`,
      ""
    ].join("\n"), node, local.runs)
    expect(served.graded).toEqual(local.graded)
    const ready = fs.globSync(path.join(local.runs, "served-hf-*/*/events.jsonl")).flatMap((f) => fs.readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { event: string; models?: string[]; node?: string }))
    expect(ready.find((e) => e.event === "serve-ready")!.models![0]).toMatch(/store\/train\/[0-9a-f]+\/out\/model$/)
    expect(ready.filter((e) => e.event === "node-done" && e.node?.startsWith("train/"))).toHaveLength(1)
  }, 900_000)
})
