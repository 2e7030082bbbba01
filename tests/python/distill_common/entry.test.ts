// The entry guard both trainers run a job under: expected failures and crashes become one error event, exit 1.
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { python, removeTemps, runPython, tempDir } from "./py-fixture.ts"

afterAll(removeTemps)

describe.skipIf(python === undefined)("distill_common.entry (needs a Python with torch)", () => {
  it("reports a missing job file and an invalid one with the same error line from both trainers", () => {
    const dir = tempDir("entry")
    const missing = join(dir, "missing.json")
    const bad = join(dir, "bad.json")
    writeFileSync(bad, JSON.stringify({ family: "tiny", size: "xs", method: "sft", seed: 1, trainFile: "t", outputDir: "o", hyper: { lr: true } }))
    for (const pkg of ["distill_torch", "distill_hf"] as const) {
      const gone = runPython(pkg, null, ["-m", pkg, missing])
      expect(gone.status).toBe(1)
      expect(gone.stdout).toBe(`${JSON.stringify({ event: "error", message: `[Errno 2] No such file or directory: '${missing}'` })}\n`)
      const invalid = runPython(pkg, null, ["-m", pkg, bad])
      expect(invalid.status).toBe(1)
      expect(invalid.stdout).toBe(`{"event":"error","message":"hyper.lr must be a positive number"}\n`)
      expect(invalid.stderr).not.toContain("Traceback")
    }
  })

  it("turns an unexpected exception into an error event with its type, after the traceback on stderr", () => {
    const script = [
      "import sys",
      "from distill_common.entry import run_guarded",
      "from distill_torch.events import emit",
      "def train():",
      "    raise KeyError('trainFile')",
      "sys.exit(run_guarded(train, (ValueError,), emit))"
    ].join("\n")
    const r = runPython("distill_torch", script)
    expect(r.status).toBe(1)
    expect(r.stdout).toBe(`{"event":"error","message":"KeyError: 'trainFile'"}\n`)
    expect(r.stderr).toMatch(/^Traceback[\s\S]*KeyError: 'trainFile'\n$/)
  })
})
