// hf families: sources from the table or size_config, re-pinning, and commit resolution from a local cache without network.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { cachedCommit, fetchCommand, hfFamilySizes, hubCacheDir, studentSource } from "../../../../plugins/trainer/hf/families.ts"

const SHA = "0123456789abcdef0123456789abcdef01234567"

describe("hf families", () => {
  it("lists sizes with parameter counts and resolves sources", () => {
    expect(hfFamilySizes("smollm2-instruct").map((s) => s.name)).toEqual(["135M", "360M", "1.7B"])
    expect(hfFamilySizes("nope")).toEqual([])
    expect(studentSource("qwen2.5-instruct", "3B")).toEqual({ model: "Qwen/Qwen2.5-3B-Instruct", revision: "aa8e72537993ba99e69dfaafa59ed015b17504d1" })
    expect(studentSource("qwen2.5-instruct", "3B", undefined, { "Qwen/Qwen2.5-3B-Instruct": SHA })!.revision).toBe(SHA)
    expect(studentSource("x", "t", { model: "/models/mine" })).toEqual({ model: "/models/mine", revision: null })
    expect(studentSource("x", "t")).toBeNull()
    expect(fetchCommand({ model: "a/b", revision: "main" })).toBe("hf download a/b --revision main")
  })
  it("reads a branch's commit from the cache and keeps pinned SHAs", () => {
    const home = mkdtempSync(join(tmpdir(), "hf-home-"))
    const env = { HF_HOME: home }
    expect(hubCacheDir(env)).toBe(join(home, "hub"))
    const repo = join(home, "hub", "models--org--tiny", "refs")
    mkdirSync(repo, { recursive: true })
    writeFileSync(join(repo, "main"), SHA)
    expect(cachedCommit({ model: "org/tiny", revision: "main" }, env)).toBe(SHA)
    expect(cachedCommit({ model: "org/tiny", revision: null }, env)).toBe(SHA)
    expect(cachedCommit({ model: "org/other", revision: "main" }, env)).toBeNull()
    expect(cachedCommit({ model: "org/other", revision: SHA }, env)).toBe(SHA)
    expect(cachedCommit({ model: home, revision: null }, env)).toBeNull()
  })
})
