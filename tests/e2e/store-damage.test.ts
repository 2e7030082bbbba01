// Damaged store files through the CLI: a torn-up sample log fails one node with a located message; a damaged raw answer is re-requested.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { distill, repoRoot } from "../support/cli.ts"

const writeSpec = (dir: string) => {
  const teacher = path.relative(dir, path.join(repoRoot, "tests/fixtures/engine/counting-teacher"))
  const file = path.join(dir, "spec.yaml")
  fs.writeFileSync(file, `name: damage
data:
  train: { use: synthetic, with: { count: 12, steps: [1, 2], split: train, seed: 1 } }
  eval:
    test: { use: synthetic, with: { count: 4, split: test, seed: 2 } }
teachers:
  oracle: { use: ./${teacher}, with: { delay_ms: 1 } }
judge: { use: math }
mixes:
  all: { oracle: 1 }
students: { family: tiny, sizes: [xs] }
train: { method: sft }
`)
  return file
}

const lines = (file: string) => fs.readFileSync(file, "utf8").split("\n").filter((l) => l !== "")

describe("damaged store files", () => {
  it("an edited raw answer is skipped, re-requested once and reported; a corrupted sample log fails its node with file:line", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "damage-"))
    const spec = writeSpec(dir)
    const counter = path.join(dir, "calls.txt")
    const env = { DISTILL_RUNS: path.join(dir, "runs"), DISTILL_TEST_COUNTER: counter }
    const only = ["--only", "generate/oracle"]
    expect(distill(["run", spec, ...only], env).status).toBe(0)
    expect(lines(counter)).toHaveLength(12)

    const raw = fs.globSync(path.join(dir, "runs/store/raw/*/*.jsonl"))[0]!
    const edited = lines(raw)
    edited[4] = edited[4]!.replace("Final Answer", "Final Answr")
    fs.writeFileSync(raw, edited.join("\n") + "\n")
    const entry = path.dirname(fs.globSync(path.join(dir, "runs/store/generate/*/generations.jsonl"))[0]!)
    fs.rmSync(entry, { recursive: true })
    const again = distill(["run", spec, ...only], env)
    expect(again.status, again.stderr).toBe(0)
    expect(lines(counter)).toHaveLength(13)
    const events = fs.globSync(path.join(dir, "runs/damage-*/*/events.jsonl")).sort().at(-1)!
    expect(lines(events).map((l) => JSON.parse(l)).find((e) => e.event === "raw-cache-damaged")).toMatchObject({ damaged: 1, file: raw })
    expect(lines(`${raw}.damaged`)).toEqual([edited[4]])
    const generations = path.join(entry, "generations.jsonl")
    expect(lines(generations).every((l) => !l.includes("Final Answr"))).toBe(true)

    const torn = lines(generations)
    torn[2] = "{ torn"
    fs.writeFileSync(generations, torn.join("\n") + "\n")
    fs.rmSync(path.join(entry, "manifest.json"))
    const broken = distill(["run", spec, ...only], env)
    expect(broken.status).toBe(1)
    expect(broken.stdout + broken.stderr).toContain(`corrupted sample record at ${generations}:3`)
    expect(broken.stdout + broken.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/)
    const status = distill(["status", spec], env)
    expect(status.stderr).toContain(`${generations}:3`)
    expect(status.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/)
  }, 60_000)
})
