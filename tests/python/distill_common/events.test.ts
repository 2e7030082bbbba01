// The event writer both trainers use: the same lines, hf's rank-0 gate and print redirect, each package's log prefix.
import { describe, expect, it } from "vitest"
import { python, runPython } from "./py-fixture.ts"

const EMIT = (pkg: string) => [
  `from ${pkg}.events import emit, log`,
  "print('a library print')",
  "emit('step', step=3, loss=float('nan'), metrics={'mfu': float('inf'), 'tokens': 12}, note='ü')",
  "log('hello')"
].join("\n")

const LINE = `{"event":"step","step":3,"loss":null,"metrics":{"mfu":null,"tokens":12},"note":"\\u00fc"}`

describe.skipIf(python === undefined)("distill_common.events (needs a Python with torch)", () => {
  it("writes the same compact event line from both packages, non-finite numbers as null, logs under the package's name", () => {
    const torch = runPython("distill_torch", EMIT("distill_torch"))
    const hf = runPython("distill_hf", EMIT("distill_hf"))
    expect(torch.stdout).toBe(`a library print\n${LINE}\n`)
    expect(hf.stdout).toBe(`a library print\n${LINE}\n`)
    expect(torch.stderr).toBe("[distill_torch] hello\n")
    expect(hf.stderr).toBe("[distill_hf] hello\n")
  })

  it("gates hf's events on rank 0 (torch reports from any rank)", () => {
    expect(runPython("distill_hf", EMIT("distill_hf"), [], { RANK: "1" }).stdout).toBe("a library print\n")
    expect(runPython("distill_hf", EMIT("distill_hf"), [], { RANK: "0" }).stdout).toBe(`a library print\n${LINE}\n`)
    expect(runPython("distill_torch", EMIT("distill_torch"), [], { RANK: "1" }).stdout).toBe(`a library print\n${LINE}\n`)
  })

  it("sends prints to stderr once hf quiets stdout, while events still reach the real stdout", () => {
    const r = runPython("distill_hf", ["from distill_hf.events import emit, quiet_stdout", "quiet_stdout()", "print('noise')", "emit('done', x=1)",
      "quiet_stdout()", "emit('done', x=2)"].join("\n"))
    expect(r.stdout).toBe(`{"event":"done","x":1}\n{"event":"done","x":2}\n`)
    expect(r.stderr).toBe("noise\n")
  })
})
