// Evaluating a Hugging Face student: the batched transformers worker and an OpenAI-compatible server give the same greedy answers.
import { type ChildProcess, spawn } from "node:child_process"
import { cpSync, mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { afterAll, describe, expect, it } from "vitest"
import { openHfStudent } from "../../src/students/hf-student.ts"
import { HF_PYTHON_DIR, pythonPath } from "../../src/students/python-packages.ts"
import { openAnyStudent } from "../../src/students/open-any.ts"
import { openServedStudent, servedStopReason } from "../../src/students/served-student.ts"
import { buildTiny, hasHfStack, python, tempDir } from "../plugins/trainer/hf/hf-fixture.ts"

const PROMPTS = [
  "What is 3 + 4?",
  "Solve the following math problem. Present the final answer in the format: Final Answer: \\boxed{x}.\nProblem: 12 + 30",
  "Q: Tom has 3 apples and buys 4 more. How many apples does he have?",
  "Add 9 and 5."
]

const startServer = (model: string): Promise<{ port: number; child: ChildProcess }> => new Promise((resolve, reject) => {
  const child = spawn(python!, ["-m", "distill_hf", "serve", model, "--threads", "1"], {
    env: { ...process.env, PYTHONPATH: pythonPath(HF_PYTHON_DIR), HF_HUB_OFFLINE: "1" }, stdio: ["ignore", "pipe", "ignore"]
  })
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (line.startsWith("{")) resolve({ port: (JSON.parse(line) as { port: number }).port, child })
  })
  child.on("exit", (code) => reject(new Error(`server exited ${code}`)))
})

describe("served stop reasons", () => {
  it("maps finish_reason and vLLM's stop_reason", () => {
    const o = { maxNewTokens: 8, temperature: 0, seed: 0, stop: ["Q:"], batchSize: 1 }
    expect(servedStopReason({ finish_reason: "stop", stop_reason: "Q:" }, "x", o)).toBe("stop")
    expect(servedStopReason({ finish_reason: "stop", stop_reason: null }, "x", o)).toBe("eos")
    expect(servedStopReason({ finish_reason: "length" }, "ab".repeat(20), o)).toBe("loop")
    expect(servedStopReason({ finish_reason: "length" }, "ab".repeat(20), { ...o, loop: false })).toBe("max_tokens")
  })
})

describe.skipIf(!hasHfStack)("hf student (needs the venv of ./distill setup)", () => {
  const children: ChildProcess[] = []
  const shared = tempDir("hf-eval")
  afterAll(() => { for (const c of children) c.kill("SIGKILL") })

  it("greedy answers through the worker (batched, left-padded) equal those of a loopback OpenAI-compatible server", async () => {
    const model = buildTiny(shared, "qwen2")
    const [student, server] = await Promise.all([openHfStudent({ model }, { threads: 1 }), startServer(model)])
    children.push(server.child)
    try {
      expect(student.manifest).toMatchObject({ format: "hf", chat_template: true, commit: null })
      const options = { maxNewTokens: 24, temperature: 0, seed: 0, stop: ["4", "5"], batchSize: 4, loop: false as const }
      const progress: number[] = []
      const local = await student.generate(PROMPTS, { ...options, onProgress: (done) => progress.push(done) })
      const served = await openServedStudent({ baseUrl: `http://127.0.0.1:${server.port}/v1`, model, chat: true, concurrency: 2 })
        .generate(PROMPTS, options)
      expect(progress).toEqual([4])
      expect(local.map((g) => g.text)).toEqual(served.map((g) => g.text))
      expect(local.map((g) => g.stopReason)).toEqual(served.map((g) => g.stopReason))
      expect(local.map((g) => g.tokens)).toEqual(served.map((g) => g.tokens))
      expect(local.some((g) => g.text.length > 0)).toBe(true)
      expect(local.some((g) => g.stopReason === "stop")).toBe(true)

      const one = await student.generate([PROMPTS[1]!], { ...options, batchSize: 1 })
      expect(one[0]).toEqual(local[1])
      const sampled = await student.generate(PROMPTS, { ...options, temperature: 1, seed: 7, batchSize: 4 })
      const sampledAlone = await student.generate([PROMPTS[0]!, PROMPTS[3]!], { ...options, temperature: 1, seed: 7, batchSize: 1 })
      expect(sampledAlone[0]!.text).toEqual(sampled[0]!.text)
      expect(sampled).not.toEqual(local)
      await expect(student.generate(PROMPTS, { ...options, batchSize: 0 })).rejects.toThrow(/batchSize/)
    } finally {
      student.close()
    }
  }, 600_000)

  it("loads a Hub id from the local cache offline and reports the snapshot's commit", async () => {
    const home = tempDir("hf-home")
    const model = buildTiny(shared, "qwen2")
    const sha = "89abcdef0123456789abcdef0123456789abcdef"
    const repo = join(home, "hub", "models--distill--tiny-qwen2")
    mkdirSync(join(repo, "refs"), { recursive: true })
    writeFileSync(join(repo, "refs", "main"), sha)
    cpSync(model, join(repo, "snapshots", sha), { recursive: true })
    const student = await openHfStudent({ model: "distill/tiny-qwen2", revision: "main" }, { env: { ...process.env, HF_HOME: home } })
    try {
      expect(student.manifest.commit).toBe(sha)
      const [g] = await student.generate(["Add 9 and 5."], { maxNewTokens: 4, temperature: 0, seed: 0, stop: [], batchSize: 1 })
      expect(g!.tokens).toBeGreaterThan(0)
    } finally {
      student.close()
    }
  }, 300_000)

  it("openAnyStudent opens a trained hf student directory by its student.json", async () => {
    const dir = shared
    buildTiny(dir, "qwen2")
    writeFileSync(join(dir, "student.json"), JSON.stringify({ format: "hf", family: "tiny", size: "t", method: "sft", params: 1, model: "x",
      revision: null, commit: null, weights: "qwen2", adapter: null, chat_template: false }))
    const student = await openAnyStudent(dir, { threads: 1 })
    try {
      expect(student.format).toBe("hf")
      expect(student.info).toEqual({ family: "tiny", size: "t", params: 1, commit: null })
      const [g] = await student.generate(["12 + 30 ="], { maxNewTokens: 3, temperature: 0, seed: 0, stop: [], batchSize: 1 })
      expect(g!.tokens).toBeGreaterThan(0)
    } finally {
      student.close()
    }
  }, 300_000)

  it("fails to open with the command that fetches missing weights", async () => {
    await expect(openHfStudent({ model: "HuggingFaceTB/SmolLM2-135M-Instruct", revision: "main" })).rejects.toThrow(
      /hf download HuggingFaceTB\/SmolLM2-135M-Instruct --revision main/)
  }, 300_000)
})
