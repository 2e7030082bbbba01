// rawKey: the identity of a teacher call must never change, or every stored response would be asked for (and paid) again.
import { describe, expect, it } from "vitest"
import { canonicalJson, sha256 } from "../../src/plan/keys.ts"
import type { Sampling, TeacherRequest } from "../../src/plugins/index.ts"
import { rawKey, rawKeyParts } from "../../src/store/raw-cache.ts"

const requests: ReadonlyArray<TeacherRequest> = [
  { prompt: "What is 2+2?", sampleIndex: 0, sampling: { temperature: 0.7, maxTokens: 512 } },
  { system: "You are terse.", prompt: "Ünïcödé \"quoted\" \n line", sampleIndex: 3, sampling: { temperature: 0, maxTokens: 64, stop: ["</s>", "\n\n"], topP: 0.9 } },
  { prompt: "chart", sampleIndex: 1, images: [{ path: "a.png", sha256: "ab".repeat(32), mediaType: "image/png" }, { path: "b.png", mediaType: "image/png" }], sampling: { maxTokens: 10, temperature: 1 } }
]

describe("rawKey", () => {
  it("is the keys stored so far (computed by the earlier, generic form)", () => {
    expect(requests.map((r) => rawKey("openai-compatible", "Qwen/QwQ-32B", r))).toEqual([
      "9159a42b3fe83c6e5d028141b0846ca866dac2a66f3ee908e337778200391c5c",
      "c57d48c6f4129770ae26bc304b6be311e90a6473953aded47293e34fcac8705a",
      "f874a1a08470945aae9dbae672b389c4fc8a58b90c3970cc913dc0a47dd26f99"
    ])
  })

  it("equals the sha256 of the canonical JSON of its parts, for every shape a request takes", () => {
    const prompts = ["", "plain", "tab\tand \u2028 separators", "emoji 🧪", "{\"json\": [1, 2]}"]
    const systems = [undefined, "", "Think step by step."]
    const samplings = [
      { temperature: 0, maxTokens: 1 },
      { temperature: 1.5, maxTokens: 4096, stop: [] },
      { maxTokens: 8, temperature: 0.2, topP: 1, stop: ["###"] },
      { temperature: 0.6, maxTokens: 32, topP: undefined } as unknown as Sampling
    ] satisfies ReadonlyArray<Sampling>
    const images = [undefined, [], [{ path: "x/y.png", mediaType: "image/png" }], [{ path: "p.png", sha256: "cd".repeat(32), mediaType: "image/png" }, { path: "q.png", sha256: "ef".repeat(32), mediaType: "image/jpeg" }]]
    for (const prompt of prompts) for (const system of systems) for (const sampling of samplings) for (const image of images) {
      for (const sampleIndex of [0, 7]) {
        const request: TeacherRequest = { prompt, sampleIndex, sampling, ...(system === undefined ? {} : { system }), ...(image === undefined ? {} : { images: image }) }
        for (const [provider, model] of [["anthropic", "claude-3-7-sonnet"], ["openai-compatible", "m \"q\""]] as const) {
          expect(rawKey(provider, model, request)).toBe(sha256(canonicalJson(rawKeyParts(provider, model, request))))
        }
      }
    }
  })

  it("a request off its type (from an untyped plugin) still keys like the generic form", () => {
    const odd = { prompt: "p", sampling: { temperature: 0, maxTokens: 1 } } as unknown as TeacherRequest
    expect(rawKey("p", "m", odd)).toBe(sha256(canonicalJson(rawKeyParts("p", "m", odd))))
  })
})
