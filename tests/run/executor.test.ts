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

const node = (id: string, deps: Record<string, string> = {}): PlanNode => ({
  id, kind: "mix", key: `key-${id}`, keyParts: { version: 1, kind: "mix", params: {}, upstream: {} }, deps, resource: "light", params: {}, estimate: {}
})

const plan: Plan = { experiment: "t", nodes: [node("a"), node("b", { a: "a" }), node("c", { b: "b" }), node("d")] }

const run = (root: string, step: Step) => Effect.runPromise(execute(plan, {
  storeRoot: root, steps: { mix: step }, event: () => undefined,
  board: makeProgressBoard({ tty: false, write: () => undefined })
}))

describe("execute", () => {
  it("runs everything once, then nothing on a re-run", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "exec-"))
    const calls: string[] = []
    const step: Step = (ctx) => Effect.sync(() => {
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
    const step: Step = (ctx) => ctx.node.id === "b"
      ? Effect.fail(new StepFailed({ node: "b", reason: "failed", message: "boom" }))
      : Effect.succeed({ summary: {} })
    const out = await run(root, step)
    expect(out.get("a")?.status).toBe("done")
    expect(out.get("b")).toMatchObject({ status: "failed", message: "boom" })
    expect(out.get("c")?.status).toBe("skipped")
    expect(out.get("d")?.status).toBe("done")
  })

  it("a store failure inside a step fails that node with a message naming the file, not a stack trace", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "exec-"))
    const bad = path.join(root, "broken.jsonl")
    fs.writeFileSync(bad, '{"ok":1}\nnot json\n')
    const step: Step = (ctx) => Effect.sync(() => {
      if (ctx.node.id === "a") readJsonl(bad)
      return { summary: {} }
    })
    const out = await run(root, step)
    expect(out.get("a")).toEqual({ status: "failed", message: `unparseable record at ${bad}:2` })
    expect(out.get("b")?.status).toBe("skipped")
    expect(out.get("d")?.status).toBe("done")
  })
})
