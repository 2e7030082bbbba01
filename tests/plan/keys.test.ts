import { describe, expect, it } from "vitest"
import { canonicalJson, KEY_FORMAT_VERSION, nodeKey } from "../../src/plan/keys.ts"

describe("keys", () => {
  it("canonical JSON ignores key order and undefined fields", () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: undefined }] })).toBe(canonicalJson({ a: [1, { d: 2 }], b: 1 }))
  })
  it("a key changes with the version, kind, plugin version, params or upstream", () => {
    const base = { version: KEY_FORMAT_VERSION, kind: "generate", plugin: { name: "p", version: "1" }, params: { t: 0 }, upstream: { dataset: "abc" } }
    const k = nodeKey(base)
    expect(k).toMatch(/^[0-9a-f]{32}$/)
    expect(nodeKey({ ...base })).toBe(k)
    expect(nodeKey({ ...base, version: KEY_FORMAT_VERSION + 1 })).not.toBe(k)
    expect(nodeKey({ ...base, kind: "judge" })).not.toBe(k)
    expect(nodeKey({ ...base, plugin: { name: "p", version: "2" } })).not.toBe(k)
    expect(nodeKey({ ...base, params: { t: 1 } })).not.toBe(k)
    expect(nodeKey({ ...base, upstream: { dataset: "abd" } })).not.toBe(k)
  })
})
