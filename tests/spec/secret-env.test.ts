// Tests for keeping credentials out of child processes: the scrubbed environment and the local backend that applies it.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Effect } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { makeLocalBackend } from "../../src/backends/local.ts"
import { childEnv, declareSecretEnv, isSecretEnvName } from "../../src/spec/index.ts"
import { editLine, loadSuccess, writeSpecs } from "./support.ts"

describe("childEnv", () => {
  it("drops credential variables and keeps the rest", () => {
    const env = childEnv({
      PATH: "/usr/bin", HOME: "/root", PYTHONPATH: "/x", ANTHROPIC_API_KEY: "a", OPENAI_API_KEY: "b", GEMINI_API_KEY: "c",
      HF_TOKEN: "d", AWS_SECRET_ACCESS_KEY: "e", DB_PASSWORD: "f", GITHUB_PAT: "g", DISTILL_THREADS: "2", KEYBOARD: "us"
    })
    expect(env).toEqual({ PATH: "/usr/bin", HOME: "/root", PYTHONPATH: "/x", DISTILL_THREADS: "2", KEYBOARD: "us" })
  })

  it("drops variables declared secret whatever their name, and keeps what the job names explicitly", () => {
    declareSecretEnv("MY_LLM_CREDENTIAL_VAR_X")
    declareSecretEnv("LLM_ACCESS")
    expect(isSecretEnvName("LLM_ACCESS")).toBe(true)
    expect(childEnv({ LLM_ACCESS: "k", PATH: "/bin" }, { HF_TOKEN: "needed" })).toEqual({ PATH: "/bin", HF_TOKEN: "needed" })
  })
})

describe("loadSpec", () => {
  it("declares the variables named by api_key_env secret, so children never inherit them", async () => {
    expect(isSecretEnvName("LLM_ACCESS_Q")).toBe(false)
    const text = editLine(8, "  long: { use: openai-compatible, with: { model: m, base_url: \"http://127.0.0.1:9/v1\", api_key_env: LLM_ACCESS_Q } }")
    await loadSuccess(writeSpecs({ "k.yaml": text }))
    expect(isSecretEnvName("LLM_ACCESS_Q")).toBe(true)
    expect(childEnv({ LLM_ACCESS_Q: "k", PATH: "/bin" })).toEqual({ PATH: "/bin" })
  })
})

describe("the local backend", () => {
  const saved = process.env.ANTHROPIC_API_KEY
  afterEach(() => {
    if (saved === undefined) delete process.env.ANTHROPIC_API_KEY
    else process.env.ANTHROPIC_API_KEY = saved
  })

  it("starts jobs without the coordinator's API keys", async () => {
    process.env.ANTHROPIC_API_KEY = "sk-ant-must-not-leak"
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "child-env-"))
    const out = path.join(dir, "out.txt")
    const backend = makeLocalBackend()
    const id = await Effect.runPromise(backend.submit({
      name: "env-dump", command: process.execPath, args: ["-e", "process.stdout.write(JSON.stringify(process.env))"],
      cwd: dir, env: { JOB_VAR: "yes" }, stdoutFile: out, stderrFile: path.join(dir, "err.txt"), resources: { cpus: 1, gpus: 0 }
    }))
    for (let i = 0; i < 200; i++) {
      const state = (await Effect.runPromise(backend.poll([id]))).get(id)!
      if (state.state !== "running" && state.state !== "queued") break
      await new Promise((r) => setTimeout(r, 25))
    }
    const env = JSON.parse(fs.readFileSync(out, "utf8")) as Record<string, string>
    expect(env.JOB_VAR).toBe("yes")
    expect(env.DISTILL_PARENT_PID).toBe(String(process.pid))
    expect(env.PATH).toBe(process.env.PATH)
    expect(env.ANTHROPIC_API_KEY).toBeUndefined()
    expect(JSON.stringify(env)).not.toContain("sk-ant-must-not-leak")
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
