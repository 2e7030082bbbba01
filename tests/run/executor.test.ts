import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { execute } from "../../src/run/executor.ts"
import { makeProgressBoard } from "../../src/run/progress.ts"
import { StepFailed, type Step } from "../../src/steps/step.ts"
import { readJsonl } from "../../src/store/jsonl.ts"
import type { Plan, PlanNode } from "../../src/plan/node.ts"

const mixParams = { mix: "m", weights: { t: 1 }, mixing: { mode: "per-problem", by: "examples", problems: "intersection", template: "free" }, seed: 0, prompt: "{problem}" } as const
const node = (id: string, deps: Record<string, string> = {}): PlanNode => ({
  id, kind: "mix", key: `key-${id}`, keyParts: { version: 1, kind: "mix", params: { id }, upstream: deps }, deps, after: [],
  resource: "light", params: mixParams, estimate: {}
})

const plan: Plan = { experiment: "t", nodes: [node("a"), node("b", { a: "a" }), node("c", { b: "b" }), node("d")] }

const run = (root: string, step: Step<"mix">) => Effect.runPromise(execute(plan, {
  storeRoot: root, steps: { mix: step }, event: () => undefined,
  board: makeProgressBoard({ tty: false, write: () => undefined })
}))

describe("execute", () => {
  it("runs everything once, then nothing on a re-run", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "exec-"))
    const calls: string[] = []
    const step: Step<"mix"> = (ctx) => Effect.sync(() => {
      calls.push(ctx.node.id)
      fs.writeFileSync(path.join(ctx.dir, "out.txt"), ctx.node.id)
      return { summary: { upstream: Object.keys(ctx.upstream) } }
    })
    const first = await run(root, step)
    expect([...first.values()].every((o) => o.status === "done")).toBe(true)
    expect(calls.sort()).toEqual(["a", "b", "c", "d"])
    const second = await run(root, step)
    expect([...second.values()].every((o) => o.status === "cached")).toBe(true)
    expect(calls.length).toBe(4)
  })

  it("a failed node stops its dependents but not unrelated branches", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "exec-"))
    const step: Step<"mix"> = (ctx) => ctx.node.id === "b"
      ? Effect.fail(new StepFailed({ node: "b", reason: "failed", message: "boom" }))
      : Effect.succeed({ summary: {} })
    const out = await run(root, step)
    expect(out.get("a")?.status).toBe("done")
    expect(out.get("b")).toMatchObject({ status: "failed", message: "boom" })
    expect(out.get("c")?.status).toBe("skipped")
    expect(out.get("d")?.status).toBe("done")
  })

  it("an upstream entry recomputed with other contents makes its dependents stale; equal contents downstream stop it", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "exec-"))
    let content = "v1"
    const calls: string[] = []
    const step: Step<"mix"> = (ctx) => Effect.sync(() => {
      calls.push(ctx.node.id)
      fs.writeFileSync(path.join(ctx.dir, "out.txt"), ctx.node.id === "a" ? content : ctx.node.id)
      return { summary: {} }
    })
    await run(root, step)
    const aDir = path.join(root, "mix", "key-a")
    fs.rmSync(aDir, { recursive: true })
    calls.length = 0
    await run(root, step)
    expect(calls).toEqual(["a"])
    fs.rmSync(aDir, { recursive: true })
    content = "v2"
    calls.length = 0
    const out = await run(root, step)
    expect(calls.sort()).toEqual(["a", "b"])
    expect(out.get("d")?.status).toBe("cached")
  })

  it("reuses an entry computed from identical inputs under another key (early cutoff)", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "exec-"))
    const calls: string[] = []
    const step: Step<"mix"> = (ctx) => Effect.sync(() => {
      calls.push(ctx.node.id)
      fs.writeFileSync(path.join(ctx.dir, "out.txt"), ctx.node.id === "a" ? "same" : "downstream")
      return { summary: {} }
    })
    const chain = (aKey: string, bKey: string): Plan => ({ experiment: "t", nodes: [
      { ...node("a"), key: aKey, keyParts: { version: 1, kind: "mix", params: { aKey }, upstream: {} } },
      { ...node("b", { a: "a" }), key: bKey, keyParts: { version: 1, kind: "mix", params: { id: "b" }, upstream: { a: aKey } } }
    ] })
    const exec = (p: Plan) => Effect.runPromise(execute(p, { storeRoot: root, steps: { mix: step }, event: () => undefined, board: makeProgressBoard({ tty: false, write: () => undefined }) }))
    await exec(chain("a1", "b1"))
    calls.length = 0
    const second = await exec(chain("a2", "b2"))
    expect(calls).toEqual(["a"])
    expect(second.get("b")).toMatchObject({ status: "cached", reusedFrom: "b1" })
    expect(fs.readFileSync(path.join(root, "mix", "b2", "out.txt"), "utf8")).toBe("downstream")
  })

  it("a store failure inside a step fails that node with a message naming the file, not a stack trace", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "exec-"))
    const bad = path.join(root, "broken.jsonl")
    fs.writeFileSync(bad, '{"ok":1}\nnot json\n')
    const step: Step<"mix"> = (ctx) => Effect.sync(() => {
      if (ctx.node.id === "a") readJsonl(bad)
      return { summary: {} }
    })
    const out = await run(root, step)
    expect(out.get("a")).toEqual({ status: "failed", message: `unparseable record at ${bad}:2` })
    expect(out.get("b")?.status).toBe("skipped")
    expect(out.get("d")?.status).toBe("done")
  })
})
