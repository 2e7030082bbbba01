// Dead letters: partial in plan and status, retried by --retry-dead under the current limits, loud when most samples die.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { distillAwait as distill } from "../support/cli.ts"
import { startLoopback, type Loopback } from "../support/providers/loopback.ts"
import { openAiWire } from "../support/providers/openai-wire.ts"

const writeSpec = (dir: string, url: string) => {
  const file = path.join(dir, "spec.yaml")
  fs.writeFileSync(file, `name: dead-letters
data:
  train: { use: synthetic, with: { count: 8, steps: [1, 2], split: train, seed: 1 } }
  eval:
    test: { use: synthetic, with: { count: 4, steps: [1, 2], split: test, seed: 2 } }
teachers:
  api: { use: openai-compatible, with: { model: m, base_url: ${url}/v1, require_api_key: false }, limits: { max_attempts: 1 } }
judge: { use: math }
mixes:
  all: { api: 1 }
students: { family: tiny, sizes: [xs] }
train: { method: sft }
`)
  return file
}

let server: Loopback
beforeAll(async () => { server = await startLoopback(openAiWire()) })
afterAll(async () => { await server.close() })

describe("dead letters", () => {
  it("a node with dead letters is partial; --retry-dead retries only them and re-derives its dependents", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "dead-"))
    const env = { DISTILL_RUNS: path.join(root, "runs") }
    const spec = writeSpec(root, server.url)
    const failing = new Set<string>()
    server.script = (r) => {
      if (failing.size < 2 && !failing.has(r.prompt)) failing.add(r.prompt)
      return failing.has(r.prompt) ? { kind: "server", status: 500 } : { kind: "ok" }
    }
    const before = server.requests.length
    const first = await distill(["run", spec, "--only", "filter/api"], env)
    expect(first.status, first.stderr).toBe(0)
    expect(server.requests.length - before).toBe(8)
    const plan = await distill(["plan", spec], env)
    expect(plan.stdout).toMatch(/\[partial\]\s+generate\/api/)
    const status = await distill(["status", spec], env)
    expect(status.stdout).toMatch(/dead letters in generate\/api: 2/)
    expect(status.stdout).toMatch(/--retry-dead/)
    const plain = await distill(["run", spec, "--only", "filter/api"], env)
    expect(plain.status).toBe(0)
    expect(server.requests.length - before).toBe(8)

    server.script = () => ({ kind: "ok" })
    const retry = await distill(["run", spec, "--only", "filter/api", "--retry-dead"], env)
    expect(retry.status, retry.stderr).toBe(0)
    expect(server.requests.length - before).toBe(10)
    const after = await distill(["plan", spec], env)
    expect(after.stdout).toMatch(/\[cached\]\s+generate\/api/)
    expect(after.stdout).toMatch(/\[cached\]\s+judge\/api/)
    const judged = fs.globSync(path.join(root, "runs/store/judge/*/judged.jsonl"))[0]!
    expect(fs.readFileSync(judged, "utf8").trim().split("\n")).toHaveLength(8)
  })

  it("a node whose samples are mostly dead letters fails loudly instead of feeding a near-empty mix", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "dead-"))
    server.script = () => ({ kind: "server", status: 503 })
    const run = await distill(["run", writeSpec(root, server.url), "--only", "mix/all"], { DISTILL_RUNS: path.join(root, "runs") })
    server.script = () => ({ kind: "ok" })
    expect(run.status).toBe(1)
    expect(run.stdout).toMatch(/8 of 8 samples were dead-lettered \(server\)/)
    expect(run.stdout).toMatch(/--retry-dead/)
  })
})
