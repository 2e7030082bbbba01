// hf students keyed by content: a branch by the commit the local cache resolves it to, a SHA by itself, a local model by its files.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { buildPlan } from "../../../../src/plan/build.ts"
import { pluginIdentities } from "../../../../src/plugins/identities.ts"
import { loadSpec } from "../../../../src/spec/index.ts"

const SHA_A = "a".repeat(40)
const SHA_B = "b".repeat(40)
const PINNED = "c".repeat(40)

const specText = `name: hf-keys
data:
  train: { use: synthetic, with: { task: chain, count: 20, steps: [1, 2], split: train, seed: 1 } }
  eval:
    test: { use: synthetic, with: { task: chain, count: 5, steps: [1, 2], split: test, seed: 2 } }
teachers:
  short: { use: synthetic-solver, with: { style: short } }
judge: { use: math }
mixes:
  short: { short: 1 }
students:
  family: llama-3.2-instruct
  sizes: [1B, 3B, pinned, local]
  trainer: { use: hf }
  size_config:
    pinned: { model: org/pinned, revision: "${PINNED}" }
    local: { model: ./local-model }
train: { method: sft }
`

const setup = () => {
  const root = mkdtempSync(join(tmpdir(), "hf-keys-"))
  const cache = join(root, "hub")
  const setRef = (repo: string, sha: string) => {
    mkdirSync(join(cache, `models--${repo.replace("/", "--")}`, "refs"), { recursive: true })
    writeFileSync(join(cache, `models--${repo.replace("/", "--")}`, "refs", "main"), sha)
  }
  mkdirSync(join(root, "local-model"))
  writeFileSync(join(root, "local-model", "config.json"), "{\"hidden_size\": 8}")
  writeFileSync(join(root, "local-model", "model.safetensors"), "weights v1")
  writeFileSync(join(root, "local-model", "README.md"), "notes")
  writeFileSync(join(root, "spec.yaml"), specText)
  return { root, cache, setRef }
}

const plan = async (root: string, cache: string) => {
  const warnings: Array<string> = []
  const spec = await Effect.runPromise(loadSpec(join(root, "spec.yaml")))
  const identities = await Effect.runPromise(pluginIdentities(spec, {
    cacheDir: join(root, "cache"), env: { HF_HUB_CACHE: cache }, warn: (m) => warnings.push(m)
  }))
  const nodes = buildPlan(spec, { identities, pretrained: true }).nodes
  const key = (id: string) => nodes.find((n) => n.id === id)!.key
  return { key, warnings, identities }
}

describe("hf student keys", () => {
  it("a branch keys on the commit the local cache resolves it to; moving the ref re-keys that size only", async () => {
    const { root, cache, setRef } = setup()
    setRef("meta-llama/Llama-3.2-1B-Instruct", SHA_A)
    setRef("meta-llama/Llama-3.2-3B-Instruct", SHA_A)
    const first = await plan(root, cache)
    const again = await plan(root, cache)
    expect(again.key("train/short/1B/sft/s0")).toBe(first.key("train/short/1B/sft/s0"))
    expect(first.warnings.some((w) => w.includes("Llama-3.2-1B-Instruct@main") && w.includes(SHA_A.slice(0, 12)))).toBe(true)

    setRef("meta-llama/Llama-3.2-1B-Instruct", SHA_B)
    const moved = await plan(root, cache)
    expect(moved.key("train/short/1B/sft/s0")).not.toBe(first.key("train/short/1B/sft/s0"))
    expect(moved.key("decode/base/1B/test")).not.toBe(first.key("decode/base/1B/test"))
    expect(moved.key("decode/short/1B/sft/s0/test")).not.toBe(first.key("decode/short/1B/sft/s0/test"))
    for (const id of ["train/short/3B/sft/s0", "decode/base/3B/test", "train/short/pinned/sft/s0", "train/short/local/sft/s0"]) {
      expect(moved.key(id), id).toBe(first.key(id))
    }
  })

  it("a pinned SHA is itself; a branch missing from the cache keys on its name and says so", async () => {
    const { root, cache } = setup()
    const out = await plan(root, cache)
    const students = (out.identities["/students/trainer"] as { students: Record<string, unknown> }).students
    expect(students["pinned"]).toEqual({ model: "org/pinned", commit: PINNED })
    expect(students["1B"]).toEqual({ model: "meta-llama/Llama-3.2-1B-Instruct", revision: "main", commit: null })
    expect(out.warnings.some((w) => w.includes("not in the local Hugging Face cache") && w.includes("hf download meta-llama/Llama-3.2-1B-Instruct"))).toBe(true)
  })

  it("a local directory keys on its weight, config and tokenizer files, not on other files", async () => {
    const { root, cache } = setup()
    const first = await plan(root, cache)
    writeFileSync(join(root, "local-model", "README.md"), "other notes")
    expect((await plan(root, cache)).key("train/short/local/sft/s0")).toBe(first.key("train/short/local/sft/s0"))
    writeFileSync(join(root, "local-model", "model.safetensors"), "weights v2")
    const edited = await plan(root, cache)
    expect(edited.key("train/short/local/sft/s0")).not.toBe(first.key("train/short/local/sft/s0"))
    expect(edited.key("decode/base/local/test")).not.toBe(first.key("decode/base/local/test"))
    expect(edited.key("train/short/1B/sft/s0")).toBe(first.key("train/short/1B/sft/s0"))
  })
})
