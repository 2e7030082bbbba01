// Python discovery: a bad DISTILL_PYTHON fails with missing-runtime and install advice; doctor reports on a real runtime.
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { doctor, findTorchPython } from "../../src/students/python.ts"
import { hasTorch } from "./train-fixture.ts"

describe("findTorchPython", () => {
  it("fails with missing-runtime naming how to install PyTorch", async () => {
    const error = await Effect.runPromise(Effect.flip(findTorchPython({ DISTILL_PYTHON: "/nonexistent/python3" })))
    expect(error.reason).toBe("missing-runtime")
    expect(error.message).toContain("./distill setup")
    expect(error.message).toContain("DISTILL_PYTHON")
  })
  it.skipIf(!hasTorch)("finds an interpreter that imports torch and reports it in doctor", async () => {
    const found = await Effect.runPromise(findTorchPython({}))
    expect(found.torch).toMatch(/^\d+\.\d+/)
    const report = await Effect.runPromise(doctor({}))
    expect(report.python).toBe(found.python)
    expect(report.checks.map((c) => c.name)).toEqual(["python", "torch", "blas", "onnx"])
    expect(report.blas).toMatch(/openblas|mkl|generic|other/)
  })
})
