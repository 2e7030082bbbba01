// Served students end to end: a server command run through the local backend (a Node stand-in for vLLM), an existing server by URL with a key, a killed server.
import { type ChildProcess, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { createInterface } from "node:readline"
import { afterAll, describe, expect, it } from "vitest"
import { distillAwait } from "../support/cli.ts"

const standIn = path.resolve(import.meta.dirname, "../fixtures/serve/stand-in-server.mjs")
const children: ChildProcess[] = []
afterAll(() => { for (const c of children) c.kill("SIGKILL") })

const alive = (pid: number) => { try { process.kill(pid, 0); return true } catch { return false } }

/** A spec evaluating the base student `t` of the hf trainer (weights in ./model, never loaded here) on two eval sets. */
const writeSpec = (serveOf: string | ((dir: string) => string)): { dir: string; spec: string; runs: string } => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "served-e2e-"))
  const serve = typeof serveOf === "string" ? serveOf : serveOf(dir)
  fs.mkdirSync(path.join(dir, "model"))
  const spec = path.join(dir, "served.yaml")
  fs.writeFileSync(spec, `name: served-e2e
seed: 1
data:
  train: { use: synthetic, with: { count: 8, steps: [1, 1], max_value: 20, split: train } }
  eval:
    a: { use: synthetic, with: { count: 6, steps: [1, 1], max_value: 20, split: test, seed: 5 } }
    b: { use: synthetic, with: { count: 5, steps: [1, 1], max_value: 20, split: test, seed: 6 } }
teachers:
  short: { use: synthetic-solver, with: { style: short } }
judge: { use: math }
mixes:
  short: { short: 1 }
students:
  family: tiny-hf
  sizes: [t]
  trainer: { use: hf }
  size_config:
    t: { model: ./model }
train: { method: sft, max_steps: 1 }
evaluate:
  max_new_tokens: 16
  serve:
${serve.split("\n").map((l) => `    ${l}`).join("\n")}
`)
  return { dir, spec, runs: path.join(dir, "runs") }
}

const only = ["--only", "grade/base/t/a", "--only", "grade/base/t/b"]
const events = (runs: string) => fs.globSync(path.join(runs, "served-e2e-*/*/events.jsonl")).sort()
  .flatMap((f) => fs.readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>))
const answers = (runs: string) => fs.globSync(path.join(runs, "store/decode/*/answers.jsonl"))
  .flatMap((f) => fs.readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { sampleId: string; text: string }))

describe("served students", () => {
  it("the command form starts the server as a backend job for the student's decode nodes and cancels it when they are done", async () => {
    const { dir, spec, runs } = writeSpec((d) => `command: "${process.execPath} ${standIn} --port {port} --model {model} --pid-file ${d}/pid.{port}"\nconcurrency: 2`)
    const r = await distillAwait(["run", spec, ...only], { DISTILL_RUNS: runs })
    expect(r.status, r.stdout + r.stderr).toBe(0)
    const all = answers(runs)
    expect(all).toHaveLength(11)
    expect(all.every((a) => /^The answer is \\boxed\{\d+\}$/.test(a.text))).toBe(true)
    const log = events(runs)
    const submitted = log.filter((e) => e.event === "job-submitted")
    expect(submitted.length).toBeGreaterThanOrEqual(1)
    expect(submitted.every((e) => e.node === "serve/base/t" && e.resources === "1 cpu, 1 gpu")).toBe(true)
    expect(log.filter((e) => e.event === "job-cancelled" && e.node === "serve/base/t")).toHaveLength(submitted.length)
    expect(log.some((e) => e.event === "serve-ready")).toBe(true)
    const pids = fs.readdirSync(dir).filter((f) => f.startsWith("pid.")).map((f) => Number(fs.readFileSync(path.join(dir, f), "utf8")))
    expect(pids).toHaveLength(submitted.length)
    expect(pids.filter(alive), "no server process is left").toEqual([])
    const again = await distillAwait(["run", spec, ...only], { DISTILL_RUNS: runs })
    expect(again.stdout).toMatch(/0 executed/)
    expect(events(runs).filter((e) => e.event === "job-submitted")).toHaveLength(submitted.length)
  }, 120_000)

  it("a killed server fails the decode node with its end; a re-run resumes the missing samples only", async () => {
    const { spec, runs } = writeSpec(`command: "${process.execPath} ${standIn} --port {port} --model {model} --die-after 3"\nconcurrency: 1`)
    const r = await distillAwait(["run", spec, "--only", "grade/base/t/a"], { DISTILL_RUNS: runs })
    expect(r.status, r.stdout + r.stderr).toBe(1)
    expect(r.stdout + r.stderr).toMatch(/decode\/base\/t\/a[\s\S]*the server job local-\d+-\d+ ended \(killed by SIGKILL\)/)
    expect(r.stdout + r.stderr).not.toMatch(/at .*\.ts:\d+/)
    expect(answers(runs)).toHaveLength(3)
    fs.writeFileSync(spec, fs.readFileSync(spec, "utf8").replace(" --die-after 3", ""))
    const again = await distillAwait(["run", spec, "--only", "grade/base/t/a"], { DISTILL_RUNS: runs })
    expect(again.status, again.stdout + again.stderr).toBe(0)
    const ids = answers(runs).map((a) => a.sampleId)
    expect(ids).toHaveLength(6)
    expect(new Set(ids).size).toBe(6)
  }, 120_000)

  it("the url form decodes the students it names through an existing server, with the key from the environment", async () => {
    const key = "sk-served-test-0123456789"
    const server = spawn(process.execPath, [standIn, "--port", "0", "--model", "tiny-base", "--api-key-env", "SERVE_KEY"], { env: { ...process.env, SERVE_KEY: key }, stdio: ["ignore", "pipe", "ignore"] })
    children.push(server)
    const port = await new Promise<number>((resolve) => createInterface({ input: server.stdout! }).once("line", (l) => resolve((JSON.parse(l) as { port: number }).port)))
    const { spec, runs } = writeSpec(`url: http://127.0.0.1:${port}/v1\nmodels: { base/t: tiny-base }\napi_key_env: SERVE_KEY`)
    const missing = await distillAwait(["run", spec, ...only], { DISTILL_RUNS: runs, SERVE_KEY: "" })
    expect(missing.status).toBe(1)
    expect(missing.stdout + missing.stderr).toMatch(/API key missing: set the environment variable SERVE_KEY/)
    const r = await distillAwait(["run", spec, ...only], { DISTILL_RUNS: runs, SERVE_KEY: key })
    expect(r.status, r.stdout + r.stderr).toBe(0)
    expect(answers(runs)).toHaveLength(11)
    const written = fs.globSync(path.join(runs, "**/*"), { withFileTypes: false }).filter((f) => fs.statSync(f).isFile())
    expect(written.filter((f) => fs.readFileSync(f, "utf8").includes(key)), "the key is never written").toEqual([])
    const wrong = writeSpec(`url: http://127.0.0.1:${port}/v1\nmodels: { base/t: other }\napi_key_env: SERVE_KEY`)
    const named = await distillAwait(["run", wrong.spec, "--only", "decode/base/t/a"], { DISTILL_RUNS: wrong.runs, SERVE_KEY: key })
    expect(named.status).toBe(1)
    expect(named.stdout + named.stderr).toMatch(/serves 'tiny-base', not 'other' \(evaluate\.serve\.models\)/)
  }, 120_000)

  it("distill plan lists one server job per served student with its resources, and no decode node among the heavy ones", async () => {
    const { spec, runs } = writeSpec("command: \"vllm serve {model} --port {port}\"\ngpus: 2")
    const r = await distillAwait(["plan", spec], { DISTILL_RUNS: runs })
    expect(r.status, r.stdout + r.stderr).toBe(0)
    const heavy = r.stdout.slice(r.stdout.indexOf("resources of heavy nodes:"))
    expect(heavy).toMatch(/serve\/base\/t\s+\d+ cpus?, 2 gpus/)
    expect(heavy).toMatch(/serve\/short\/t\/sft\/s1\s+\d+ cpus?, 2 gpus/)
    expect(heavy).not.toMatch(/^\s+decode\//m)
  })
})
