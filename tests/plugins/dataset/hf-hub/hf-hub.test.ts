// Tests for the hf-hub plugin against a loopback server speaking the Hub API: SHA pinning, caching, offline, token.
import { it as eit } from "@effect/vitest"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import * as path from "node:path"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import plugin from "../../../../plugins/dataset/hf-hub/index.ts"
import { startFakeHub, type FakeHub } from "../../../support/hub/fake-hub.ts"
import { writeParquet } from "../../../support/hub/parquet-writer.ts"
import { loadWith, schemaProblems, testHost } from "../test-host.ts"

const SHA = "0123456789abcdef0123456789abcdef01234567"
const PRIVATE_SHA = "fedcba9876543210fedcba9876543210fedcba98"
const TOKEN = "hf_testsecret123"

const parquetShard = (start: number, n: number) => writeParquet([
  { name: "problem", type: "string", values: Array.from({ length: n }, (_, i) => `What is ${start + i} + 1?`) },
  { name: "solution", type: "string", values: Array.from({ length: n }, (_, i) => String(start + i + 1)) }
], "GZIP")

let hub: FakeHub
let privateHub: FakeHub

beforeAll(async () => {
  hub = await startFakeHub({
    "org/math": {
      sha: SHA,
      files: {
        "README.md": "# card",
        "main/train-00000-of-00002.parquet": parquetShard(0, 3),
        "main/train-00001-of-00002.parquet": parquetShard(3, 2),
        "main/test-00000-of-00001.parquet": parquetShard(100, 1),
        "extra/test.jsonl": `{"q":"jsonl question?","a":7}\n{"q":"second?","a":8}\n`
      }
    }
  })
  privateHub = await startFakeHub({ "org/private": { sha: PRIVATE_SHA, files: { "train.jsonl": `{"q":"secret?","a":"1"}\n` } } }, TOKEN)
})
afterAll(async () => {
  await hub.close()
  await privateHub.close()
})

const fields = { question: "problem", answer: "solution" }
const fresh = (env: Record<string, string> = {}) => {
  const cacheDir = mkdtempSync(path.join(tmpdir(), "hfcache-"))
  return { cacheDir, host: testHost({ cacheDir, specDir: "/spec", env }) }
}

describe("hf-hub plugin", () => {
  it("has a complete config schema", () => {
    expect(schemaProblems(plugin.configSchema)).toEqual([])
  })

  eit.effect("resolves the revision to a SHA, downloads the split's parquet shards once, then reuses them", () =>
    Effect.gen(function*() {
      const { host } = fresh()
      const config = { repo: "org/math", config: "main", split: "train", hub_url: hub.url, fields, answer_kind: "number" }
      const before = hub.requests.length
      const first = yield* loadWith(plugin, config, host)
      expect(first.info).toEqual({ source: "hf-hub:org/math/main:train", revision: SHA, rows: 5 })
      expect(first.rows.map((r) => [r.id, r.question, r.reference])).toEqual([
        ["train-0", "What is 0 + 1?", "1"], ["train-1", "What is 1 + 1?", "2"], ["train-2", "What is 2 + 1?", "3"],
        ["train-3", "What is 3 + 1?", "4"], ["train-4", "What is 4 + 1?", "5"]
      ])
      const firstCalls = hub.requests.slice(before)
      expect(firstCalls.filter((r) => r.url.includes("/resolve/")).length).toBeGreaterThanOrEqual(2)
      expect(firstCalls.some((r) => r.url.includes(`/tree/${SHA}`))).toBe(true)
      expect(firstCalls.filter((r) => r.url.includes("/resolve/")).every((r) => r.url.includes(`/resolve/${SHA}/`))).toBe(true)

      const mark = hub.requests.length
      const second = yield* loadWith(plugin, config, host)
      expect(second.rows).toEqual(first.rows)
      const secondCalls = hub.requests.slice(mark)
      expect(secondCalls.map((r) => r.url.split("?")[0])).toEqual([`/api/datasets/org/math/revision/main`])
    }))

  eit.effect("works offline from the cache with no request at all, and fails clearly when not cached", () =>
    Effect.gen(function*() {
      const { cacheDir } = fresh()
      const base = { repo: "org/math", config: "main", split: "test", hub_url: hub.url, fields }
      yield* loadWith(plugin, base, testHost({ cacheDir, specDir: "/spec" }))
      const mark = hub.requests.length
      const offlineHost = testHost({ cacheDir, specDir: "/spec", env: { HF_HUB_OFFLINE: "1" } })
      const offline = yield* loadWith(plugin, base, offlineHost)
      expect(offline.info.revision).toBe(SHA)
      expect(offline.rows.map((r) => r.reference)).toEqual(["101"])
      const pinned = yield* loadWith(plugin, { ...base, revision: SHA, offline: true }, testHost({ cacheDir, specDir: "/spec" }))
      expect(pinned.rows).toEqual(offline.rows)
      expect(hub.requests.length).toBe(mark)

      const missingSplit = yield* Effect.flip(loadWith(plugin, { ...base, split: "train" }, offlineHost))
      expect(missingSplit.reason).toBe("offline")
      expect(missingSplit.message).toContain('split "train"')
      const neverSeen = yield* Effect.flip(loadWith(plugin, { ...base, revision: "v2" }, offlineHost))
      expect([neverSeen.reason, neverSeen.message]).toEqual(["offline", expect.stringContaining('revision "v2"')])
      expect(hub.requests.length).toBe(mark)
    }))

  eit.effect("reads JSON lines splits, explicit files and limit", () =>
    Effect.gen(function*() {
      const { host } = fresh()
      const jsonl = yield* loadWith(plugin, { repo: "org/math", config: "extra", split: "test", hub_url: hub.url, fields: { question: "q", answer: "a" } }, host)
      expect(jsonl.rows.map((r) => [r.id, r.reference])).toEqual([["test-0", "7"], ["test-1", "8"]])
      const explicit = yield* loadWith(plugin, {
        repo: "org/math", split: "test", files: ["main/test-00000-of-00001.parquet"], hub_url: hub.url, fields, limit: 1
      }, host)
      expect(explicit.rows.map((r) => r.question)).toEqual(["What is 100 + 1?"])
    }))

  eit.effect("fails with not-found for unknown repos, revisions and splits", () =>
    Effect.gen(function*() {
      const { host } = fresh()
      const repo = yield* Effect.flip(loadWith(plugin, { repo: "org/nope", hub_url: hub.url, fields }, host))
      expect([repo.reason, repo.message]).toEqual(["not-found", expect.stringContaining("HTTP 404")])
      const rev = yield* Effect.flip(loadWith(plugin, { repo: "org/math", revision: "v9", hub_url: hub.url, fields }, host))
      expect(rev.reason).toBe("not-found")
      const split = yield* Effect.flip(loadWith(plugin, { repo: "org/math", split: "validation", hub_url: hub.url, fields }, host))
      expect([split.reason, split.message]).toEqual(["not-found", expect.stringContaining('split "validation"')])
    }))

  eit.effect("sends HF_TOKEN as a bearer token and never puts it in errors", () =>
    Effect.gen(function*() {
      const config = { repo: "org/private", split: "train", hub_url: privateHub.url, fields: { question: "q", answer: "a" } }
      const denied = yield* Effect.flip(loadWith(plugin, config, fresh().host))
      expect([denied.reason, denied.message]).toEqual(["network", expect.stringContaining("HF_TOKEN")])
      const wrong = yield* Effect.flip(loadWith(plugin, config, fresh({ HF_TOKEN: "hf_wrongtoken999" }).host))
      expect(wrong.message).not.toContain("hf_wrongtoken999")
      const ok = yield* loadWith(plugin, config, fresh({ HF_TOKEN: TOKEN }).host)
      expect(ok.info.revision).toBe(PRIVATE_SHA)
      expect(ok.rows.map((r) => r.question)).toEqual(["secret?"])
      expect(privateHub.requests.filter((r) => r.authorization === `Bearer ${TOKEN}`).length).toBeGreaterThan(0)
    }))
})
