// The reward judge's credentials by name, and its policed command line: no value ever appears in either.
import * as os from "node:os"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { ResolvedPlugin } from "../../src/plan/input.ts"
import { rewardJudgeEnv } from "../../src/steps/reward-judge.ts"
import { judgeCommand } from "../../src/steps/stage-inputs.ts"

const plugin = (use: string, config: Record<string, unknown>): ResolvedPlugin => ({
  kind: "judge", use, name: use, version: "1", description: "", capabilities: { deterministic: false, network: true, gpu: false }, config
})

const llm = (teacherWith: Record<string, unknown>) =>
  plugin("llm", { teacher: { use: "openai-compatible", with: { model: "m", base_url: "http://127.0.0.1:9/v1", ...teacherWith } } })

const namesFor = (judge: ResolvedPlugin, env: Record<string, string>) =>
  Effect.runPromise(Effect.scoped(rewardJudgeEnv(judge, { storeRoot: os.tmpdir(), cacheDir: os.tmpdir(), specDir: process.cwd(), env })).pipe(
    Effect.match({ onFailure: (e) => ({ error: e.message }), onSuccess: (names) => ({ names }) })))

describe("rewardJudgeEnv", () => {
  it("finds the teacher's default key variable, an api_key_env and a ${env:} placeholder, by name", async () => {
    expect(await namesFor(llm({}), { OPENAI_API_KEY: "sk-1", PATH: "/bin" })).toEqual({ names: ["OPENAI_API_KEY"] })
    expect(await namesFor(llm({ api_key_env: "JUDGE_CRED" }), { JUDGE_CRED: "sk-2" })).toEqual({ names: ["JUDGE_CRED"] })
    expect(await namesFor(llm({ require_api_key: false, model: "${env:JUDGE_MODEL}" }), { JUDGE_MODEL: "m" })).toEqual({ names: ["JUDGE_MODEL"] })
  })

  it("needs nothing for a rule judge, and fails naming the variable when the key is unset", async () => {
    expect(await namesFor(plugin("math", {}), { OPENAI_API_KEY: "sk-1" })).toEqual({ names: [] })
    const missing = await namesFor(llm({}), {})
    expect(missing).toMatchObject({ error: expect.stringContaining("set the environment variable OPENAI_API_KEY") })
  })
})

describe("judgeCommand", () => {
  it("passes the store, the budget left and the call log, and names the credential variables without values", () => {
    const cmd = judgeCommand(llm({}), "/specs", { storeRoot: "/runs/store", budgetUsd: 2, spentUsd: 0.5, callsLog: "/runs/store/train/k/judge-calls.jsonl", env: ["OPENAI_API_KEY"] })
    const flag = (name: string) => cmd.args[cmd.args.indexOf(name) + 1]
    expect(flag("--store")).toBe("/runs/store")
    expect(flag("--budget-usd")).toBe("2")
    expect(flag("--spent-usd")).toBe("0.5")
    expect(flag("--calls-log")).toBe("/runs/store/train/k/judge-calls.jsonl")
    expect(cmd.env).toEqual(["OPENAI_API_KEY"])
    expect(judgeCommand(plugin("math", {}), "/specs").args).not.toContain("--budget-usd")
  })
})
