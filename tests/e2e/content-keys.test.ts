// Inputs keyed by content: a moved but identical image folder calls no teacher, an edited file goes stale, a leak stops early.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { distillAwait as distill } from "../support/cli.ts"
import { startLoopback, type Loopback } from "../support/providers/loopback.ts"
import { openAiWire } from "../support/providers/openai-wire.ts"

const png = (i: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`image ${i}`)])

const writeData = (dir: string) => {
  fs.mkdirSync(path.join(dir, "img"), { recursive: true })
  const rows = Array.from({ length: 6 }, (_, i) => {
    fs.writeFileSync(path.join(dir, "img", `${i}.png`), png(i))
    return JSON.stringify({ id: `q${i}`, question: `What is shown in chart number ${i} of the series?`, answer: String(i + 10), image: `img/${i}.png` })
  })
  fs.writeFileSync(path.join(dir, "data.jsonl"), rows.join("\n") + "\n")
}

const writeSpec = (dir: string, dataDir: string, url: string, evalFile?: string) => {
  const file = path.join(dir, "spec.yaml")
  const data = path.relative(dir, path.join(dataDir, "data.jsonl"))
  const fields = "fields: { id: id, question: question, answer: answer, image: image }"
  const evalSet = evalFile === undefined
    ? "test: { use: synthetic, with: { count: 5, steps: [1, 2], split: test, seed: 2 } }"
    : `test: { use: local, with: { path: ${path.relative(dir, evalFile)}, ${fields}, answer_kind: number } }`
  fs.writeFileSync(file, `name: content-keys
data:
  train: { use: local, with: { path: ${data}, ${fields}, answer_kind: number } }
  eval:
    ${evalSet}
teachers:
  vlm: { use: openai-compatible, with: { model: test-vlm, base_url: ${url}/v1, require_api_key: false } }
judge: { use: math }
mixes:
  all: { vlm: 1 }
students: { family: tiny, sizes: [xs] }
train: { method: sft }
leakage: { on_overlap: error }
`)
  return file
}

let server: Loopback
beforeAll(async () => { server = await startLoopback(openAiWire()) })
afterAll(async () => { await server.close() })

describe("inputs keyed by content", () => {
  it("a moved but identical image folder repeats no teacher call; an edit in place makes the dataset stale", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "content-keys-"))
    const env = { DISTILL_RUNS: path.join(root, "runs") }
    writeData(path.join(root, "a"))
    const spec = writeSpec(root, path.join(root, "a"), server.url)
    const before = server.requests.length
    const first = await distill(["run", spec, "--only", "filter/vlm"], env)
    expect(first.status, first.stderr).toBe(0)
    expect(server.requests.length - before).toBe(6)

    fs.cpSync(path.join(root, "a"), path.join(root, "b"), { recursive: true })
    fs.rmSync(path.join(root, "a"), { recursive: true })
    writeSpec(root, path.join(root, "b"), server.url)
    const plan = await distill(["plan", spec], env)
    expect(plan.stdout).toMatch(/\[cached\]\s+dataset\/train/)
    const moved = await distill(["run", spec, "--only", "filter/vlm"], env)
    expect(moved.status, moved.stderr).toBe(0)
    expect(server.requests.length - before).toBe(6)

    const data = path.join(root, "b", "data.jsonl")
    fs.writeFileSync(data, fs.readFileSync(data, "utf8").replace('"answer":"10"', '"answer":"11"'))
    const edited = await distill(["plan", spec], env)
    expect(edited.stdout).toMatch(/\[(stale|to run)\]\s+dataset\/train/)
    fs.writeFileSync(path.join(root, "b", "img", "3.png"), png(33))
    const rerun = await distill(["run", spec, "--only", "filter/vlm"], env)
    expect(rerun.status, rerun.stderr).toBe(0)
    expect(server.requests.length - before).toBe(7)
  })

  it("an overlap with on_overlap: error stops the run before the first teacher request, naming the rows", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "content-keys-"))
    writeData(path.join(root, "a"))
    const evalFile = path.join(root, "a", "eval.jsonl")
    const lines = fs.readFileSync(path.join(root, "a", "data.jsonl"), "utf8").trim().split("\n")
    fs.writeFileSync(evalFile, lines.slice(0, 2).map((l) => l.replace('"id":"q', '"id":"e')).join("\n") + "\n")
    const spec = writeSpec(root, path.join(root, "a"), server.url, evalFile)
    const before = server.requests.length
    const run = await distill(["run", spec], { DISTILL_RUNS: path.join(root, "runs") })
    expect(run.status).toBe(1)
    expect(run.stdout + run.stderr).toMatch(/leakage/)
    expect(run.stdout + run.stderr).toMatch(/e0/)
    expect(server.requests.length - before).toBe(0)
    const plan = await distill(["plan", spec], { DISTILL_RUNS: path.join(root, "runs") })
    expect(plan.stdout).toMatch(/train\/eval overlap:\n\s+test: 2 eval problems also in training: e0 \(train q0\)/)
    const status = await distill(["status", spec], { DISTILL_RUNS: path.join(root, "runs") })
    expect(status.stdout).toMatch(/test: 2 eval problems also in training/)
  })
})
