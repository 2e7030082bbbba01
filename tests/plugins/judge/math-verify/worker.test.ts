// Tests of the math-verify judge: start-up errors, grading through the layer, batching, shutdown, a dying worker.
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { builtinNames } from "../../../../src/plugins/registry.ts"
import { Judge, PluginHost, type JudgeInput, type JudgeService } from "../../../../src/plugins/index.ts"
import mathVerify, { mathVerifyLayer, MathVerifyError, resolvePython, startWorker } from "../../../../plugins/judge/math-verify/index.ts"

const hostWith = (vars: Record<string, string | undefined>) => Layer.succeed(PluginHost, {
  cacheDir: "/tmp/cache", specDir: "/tmp/spec", env: (name: string) => vars[name],
  teacher: () => Effect.fail(new Error("no teachers here"))
})

const imports = (python: string, module: string): boolean =>
  spawnSync(python, ["-c", `import ${module}`], { stdio: "ignore" }).status === 0

const candidate = resolvePython((name) => process.env[name])
const withModule = imports(candidate.command, "math_verify") ? candidate.command : null
const hasPython3 = imports("python3", "json")
const skipReason = `no interpreter with math_verify (${candidate.command} from ${candidate.source} lacks it): set DISTILL_PYTHON or run ./distill setup`
if (withModule === null) console.warn(`math-verify worker tests skipped: ${skipReason}`)

/** Runs `f` with the plugin's judge; the worker lives as long as the layer. */
const withJudge = <A, E>(vars: Record<string, string | undefined>, f: (judge: JudgeService) => Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(Effect.gen(function*() {
    return yield* f(yield* Judge)
  }).pipe(Effect.provide(mathVerify.layer({}).pipe(Layer.provide(hostWith(vars))))))

const startError = async (vars: Record<string, string | undefined>): Promise<MathVerifyError> =>
  Effect.runPromise(Effect.flip(Effect.scoped(Layer.build(mathVerifyLayer({}).pipe(Layer.provide(hostWith(vars)))))))

describe("math-verify plugin", () => {
  it("is a built-in judge named math-verify with a described config", () => {
    expect(builtinNames("judge")).toContain("math-verify")
    expect(mathVerify).toMatchObject({ kind: "judge", name: "math-verify", capabilities: { deterministic: true, network: false, gpu: false } })
    const props = (mathVerify.configSchema as { properties: Record<string, { description?: string }> }).properties
    for (const [key, p] of Object.entries(props)) expect(p.description, key).toBeTruthy()
  })
})

describe("math-verify judge: start-up errors", () => {
  it("says to run ./distill setup when the interpreter does not exist", async () => {
    const e = await startError({ DISTILL_PYTHON: "/nonexistent/bin/python" })
    expect(e._tag).toBe("MathVerifyError")
    expect(e.reason).toBe("no-python")
    expect(e.message).toContain("/nonexistent/bin/python (from DISTILL_PYTHON)")
    expect(e.message).toContain("./distill setup")
  })

  it.skipIf(!hasPython3)("says to run ./distill setup when the interpreter lacks math_verify", async () => {
    // python3 without site-packages (-S, -I) cannot import math_verify, whatever is installed.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mv-py-"))
    const bare = path.join(dir, "bare-python")
    fs.writeFileSync(bare, "#!/bin/sh\nexec python3 -I -S \"$@\"\n", { mode: 0o755 })
    const e = await startError({ DISTILL_PYTHON: bare })
    expect(e.reason).toBe("missing-module")
    expect(e.message).toMatch(/cannot import math_verify \(ModuleNotFoundError/)
    expect(e.message).toContain("./distill setup")
  })
})

describe.skipIf(withModule === null)(withModule === null ? `math-verify judge (skipped: ${skipReason})` : "math-verify judge with Math-Verify installed", () => {
  const vars = { DISTILL_PYTHON: withModule ?? undefined }

  it("grades numbers, LaTeX, intervals and option letters through the plugin's layer", async () => {
    const cases: ReadonlyArray<readonly [JudgeInput, string]> = [
      [{ pred: "So the total is $\\boxed{\\frac{1}{2}}$.", ref: "0.5" }, "correct"],
      [{ pred: "Natalia sold 48+24 = 72 clips.\n#### 72", ref: "72" }, "correct"],
      [{ pred: "\\boxed{1450001}", ref: "1450000" }, "incorrect"],
      [{ pred: "The answer is $(5, \\infty)$", ref: "x > 5" }, "correct"],
      [{ pred: "I do not know.", ref: "7" }, "unparseable"],
      [{ pred: "Answer: B", ref: "145°", choices: ["135°", "145°", "150°"] }, "correct"],
      [{ pred: "Answer: C", ref: "145°", choices: ["135°", "145°", "150°"] }, "incorrect"]
    ]
    const verdicts = await withJudge(vars, (judge) => Effect.forEach(cases, ([input]) => judge.judge(input), { concurrency: "unbounded" }))
    expect(verdicts.map((v) => v.verdict)).toEqual(cases.map(([, expected]) => expected))
    expect(verdicts[0]!.by).toBe("rules")
  })

  it("fails a reference it cannot parse with bad-reference", async () => {
    const error = await withJudge(vars, (judge) => Effect.flip(judge.judge({ pred: "\\boxed{5}", ref: "" })))
    expect(error).toMatchObject({ _tag: "JudgeError", reason: "bad-reference" })
  })

  it("batches concurrent calls and exits when closed", async () => {
    const worker = await startWorker({ python: { command: withModule!, source: "DISTILL_PYTHON" }, batchSize: 16, timeoutSeconds: 5, floatRounding: 6 })
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => worker.grade({ pred: `\\boxed{${i}}`, ref: String(i % 2 === 0 ? i : i + 1) })))
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 40 }, (_, i) => i % 2 === 0 ? "correct" : "incorrect"))
    expect(worker.stats()).toEqual({ items: 40, requests: 3 })
    await worker.close()
    expect(() => process.kill(worker.pid, 0)).toThrow(/ESRCH/)
    await expect(worker.grade({ pred: "1", ref: "1" })).rejects.toMatchObject({ _tag: "MathVerifyError", reason: "worker-failed" })
  })

  it("fails pending calls with worker-failed when the worker dies", async () => {
    const worker = await startWorker({ python: { command: withModule!, source: "DISTILL_PYTHON" }, batchSize: 4, timeoutSeconds: 5, floatRounding: 6 })
    const pending = worker.grade({ pred: "\\boxed{2}", ref: "2" })
    // Killed before the request is written (requests leave on the next turn of the event loop).
    process.kill(worker.pid, "SIGKILL")
    await expect(pending).rejects.toMatchObject({ _tag: "MathVerifyError", reason: "worker-failed" })
    await expect(worker.grade({ pred: "1", ref: "1" })).rejects.toMatchObject({ reason: "worker-failed" })
    await worker.close()
  })
})
