// The lock file's pins, the setup stamp, stray packages and pip failure advice.
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { LOCK_FILE, lockPins, normalizeName, pipFailureAdvice, stampText, strayPackages } from "../../src/students/python-lock.ts"

describe("python lock", () => {
  it("pins torch 2.13.0 and every direct requirement with hashes", () => {
    const text = readFileSync(LOCK_FILE, "utf8")
    const pins = lockPins(text)
    expect(pins.get("torch")).toMatch(/^2\.13\.0(\+cpu)?$/)
    for (const name of ["transformers", "peft", "trl", "accelerate", "safetensors", "tokenizers", "math-verify", "onnx"]) {
      expect(pins.get(name), name).toMatch(/^\d/)
    }
    const entries = text.split(/\n(?=[a-z0-9])/i).filter((e) => /^[a-z0-9].*==/i.test(e))
    expect(entries.length).toBe(pins.size)
    for (const e of entries) expect(e, e.split("\n")[0]).toMatch(/--hash=sha256:[0-9a-f]{64}/)
  })
  it("normalizes names and finds strays", () => {
    expect(normalizeName("Math_Verify")).toBe("math-verify")
    const pins = new Map([["torch", "2.13.0"], ["peft", "1"]])
    expect(strayPackages(new Map([["torch", "2.13.0"], ["pip", "23"], ["requests", "2"], ["aaa", "1"]]), pins)).toEqual(["aaa", "requests"])
  })
  it("stamps the lock digest and the interpreter", () => {
    expect(stampText("a", "/p", "3.11.7")).toBe(stampText("a", "/p", "3.11.7"))
    expect(stampText("a", "/p", "3.11.7")).not.toBe(stampText("b", "/p", "3.11.7"))
    expect(stampText("a", "/p", "3.11.7")).not.toBe(stampText("a", "/p", "3.11.8"))
  })
  it("tells offline failures from hash mismatches", () => {
    expect(pipFailureAdvice("ERROR: No matching distribution found for mdurl==0.1.2")).toContain("PIP_FIND_LINKS")
    expect(pipFailureAdvice("Failed to establish a new connection: [Errno -3] Temporary failure in name resolution")).toContain("offline")
    expect(pipFailureAdvice("ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE.")).toContain("does not match the hash")
    expect(pipFailureAdvice("something else")).toContain("DISTILL_PYTHON")
  })
})
