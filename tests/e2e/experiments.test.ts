// Every experiment file validates and plans; a malformed spec exits 2 with a located message and no stack trace.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { distill, repoRoot } from "../support/cli.ts"

const experiments = fs.readdirSync(path.join(repoRoot, "experiments")).filter((f) => f.endsWith(".yaml"))

describe("experiments/", () => {
  it("has experiments", () => expect(experiments.length).toBeGreaterThan(0))

  it.each(experiments)("%s starts with a yaml-language-server schema line", (file) => {
    const first = fs.readFileSync(path.join(repoRoot, "experiments", file), "utf8").split("\n")[0]
    expect(first).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/experiment\.schema\.json$/)
  })

  it("validate accepts every experiment", () => {
    const r = distill(["validate", ...experiments.map((f) => `experiments/${f}`)])
    expect(r.status, r.stderr).toBe(0)
    for (const f of experiments) expect(r.stdout).toContain(`ok experiments/${f}`)
  })

  it.each(experiments)("plan works for %s", (file) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"))
    const r = distill(["plan", `experiments/${file}`], { DISTILL_RUNS: dir })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/per kind:/)
    expect(r.stdout).toMatch(/report\s+1/)
  })
})

describe("validate on a malformed spec", () => {
  it("exits 2 with file:line:col, the pointer and a suggestion, without a stack trace", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-"))
    const file = path.join(dir, "bad.yaml")
    fs.writeFileSync(file, [
      "name: bad",
      "data:",
      "  train: { use: synthetic }",
      "  eval: { t: { use: synthetic } }",
      "teachers:",
      "  long: { use: synthetic-solvr }",
      "judge: { use: math }",
      "mixes: { a: { long: 1 } }",
      "students: { family: tiny, sizes: [xs] }",
      "train: { method: sft, lerning_rate: 0.1 }",
      ""
    ].join("\n"))
    const r = distill(["validate", file])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/bad\.yaml:10:\d+: \/train.*lerning_rate.*Did you mean 'lr'\?/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })
})
