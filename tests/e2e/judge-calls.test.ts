// `distill run` with an LLM judge on a loopback OpenAI-compatible server: retries, raw-tier re-use, budget, summary counts.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { spawn } from "node:child_process"
import { distillAsync, repoRoot } from "../support/cli.ts"
import { type Loopback, startLoopback } from "../support/providers/loopback.ts"
import { openAiWire } from "../support/providers/openai-wire.ts"

const PROBLEMS = 6

const writeSpec = (dir: string, name: string, url: string, extra = "", judgeExtra = "") => {
  const file = path.join(dir, `${name}.yaml`)
  fs.writeFileSync(file, `name: ${name}
${extra}data:
  train: { use: synthetic, with: { count: ${PROBLEMS}, steps: [1, 2], split: train } }
  eval:
    test: { use: synthetic, with: { count: 4, steps: [1, 2], split: test } }
teachers:
  long: { use: synthetic-solver, with: { style: long } }
judge:
  use: llm
  with:
    teacher:
      use: openai-compatible
      with: { model: judge-model, base_url: "${url}/v1", require_api_key: false }
${judgeExtra}
mixes:
  long: { long: 1 }
students: { family: tiny, sizes: [xs] }
train: { method: sft, epochs: 1 }
`)
  return file
}

/** Runs the CLI without blocking this process (the loopback server answers from it). */
const run = (args: ReadonlyArray<string>, env: Record<string, string>) =>
  new Promise<{ status: number | null; out: string }>((resolve) => {
    const child = distillAsync(args, env)
    let out = ""
    child.stdout!.on("data", (d: Buffer) => { out += d.toString() })
    child.stderr!.on("data", (d: Buffer) => { out += d.toString() })
    child.on("close", (status) => resolve({ status, out }))
  })

describe("distill run with an LLM judge", () => {
  let server: Loopback
  beforeAll(async () => { server = await startLoopback(openAiWire()) })
  afterAll(() => server.close())

  it("retries a 500, reports the judge calls, and a re-run of the node is served from the raw tier", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "judge-run-"))
    const env = { DISTILL_RUNS: path.join(dir, "runs") }
    let failedOnce = false
    server.script = () => {
      if (failedOnce) return { kind: "ok" }
      failedOnce = true
      return { kind: "server" }
    }
    const file = writeSpec(dir, "judge-calls", server.url)
    const first = await run(["run", file, "--only", "judge/long"], env)
    expect(first.status, first.out).toBe(0)
    expect(server.requests).toHaveLength(PROBLEMS + 1)
    expect(first.out).toContain(`judge model: ${PROBLEMS} calls (${PROBLEMS + 1} requests), 0 from cache`)
    const [entry] = fs.globSync(path.join(dir, "runs/store/judge/*"))
    const manifest = JSON.parse(fs.readFileSync(path.join(entry!, "manifest.json"), "utf8"))
    expect(manifest.summary.judgeCalls).toMatchObject({ calls: PROBLEMS, requests: PROBLEMS + 1, fromCache: 0, dead: 0 })

    fs.rmSync(entry!, { recursive: true })
    const second = await run(["run", file, "--only", "judge/long"], env)
    expect(second.status, second.out).toBe(0)
    expect(server.requests).toHaveLength(PROBLEMS + 1)
    expect(second.out).toContain(`judge model: 0 calls (0 requests), ${PROBLEMS} from cache`)
  }, 120_000)

  it("refuses to start over budget.usd unless told; once started, a tiny cap stops the judge's calls and pauses the node", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "judge-budget-"))
    server.script = () => ({ kind: "ok" })
    const before = server.requests.length
    const file = writeSpec(dir, "judge-budget", server.url, "budget: { usd: 0.3 }\n",
      "    price: { input_per_m: 1000, output_per_m: 1000 }")
    const env = { DISTILL_RUNS: path.join(dir, "runs") }
    const refused = await run(["run", file, "--only", "judge/long"], env)
    expect(refused.status, refused.out).toBe(2)
    expect(refused.out).toMatch(/not started: the plan's total estimate: ~\$\d+\.\d+ .*EXCEEDS budget\.usd \$0\.3000.*--over-budget/)
    expect(server.requests.length).toBe(before)
    const out = await run(["run", file, "--only", "judge/long", "--over-budget"], env)
    expect(out.status, out.out).toBe(1)
    expect(out.out).toMatch(/PAUSED judge\/long: spend budget of \$0\.3000 reached/)
    const made = server.requests.length - before
    expect(made).toBeGreaterThanOrEqual(1)
    expect(made).toBeLessThan(PROBLEMS)
  }, 120_000)

  it("`distill judge` with an LLM judge retries a 500 and answers a repeated line from the raw tier", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "judge-cli-"))
    let failedOnce = false
    server.script = () => {
      if (failedOnce) return { kind: "ok" }
      failedOnce = true
      return { kind: "server" }
    }
    const before = server.requests.length
    const judgeLine = () => new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", path.join(repoRoot, "src/cli/main.ts"), "judge", "--use", "llm",
        "--with", "teacher.use=openai-compatible", "--with", "teacher.with.model=m", "--with", `teacher.with.base_url=${server.url}/v1`,
        "--with", "teacher.with.require_api_key=false"], { cwd: repoRoot, env: { ...process.env, DISTILL_RUNS: path.join(dir, "runs") } })
      let out = ""
      child.stdout.on("data", (d: Buffer) => { out += d.toString() })
      child.on("close", () => resolve(out))
      child.stdin.end('{"pred":"4","ref":"4","question":"2+2?"}\n')
    })
    expect(JSON.parse(await judgeLine())).toMatchObject({ by: "llm" })
    expect(server.requests.length - before).toBe(2)
    expect(JSON.parse(await judgeLine())).toMatchObject({ by: "llm" })
    expect(server.requests.length - before).toBe(2)
  }, 60_000)
})
