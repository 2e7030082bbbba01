// Image token rules per provider, checked against the providers' own worked examples, and image headers read without decoding.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { estimateTokens } from "../../src/provider/estimate.ts"
import { imageDimsOf, readImageDims, sampleImageDims } from "../../src/provider/image-size.ts"
import { imageRuleOf, imageTokens, TOKENS_PER_IMAGE } from "../../src/provider/image-tokens.ts"
import { PNG_1X1 } from "../support/providers/fixtures.ts"

/** A PNG header (signature + IHDR) of the given size; enough for the dimension reader. */
const pngHeader = (w: number, h: number) => {
  const b = Buffer.alloc(33)
  PNG_1X1.copy(b, 0, 0, 16)
  b.writeUInt32BE(w, 16)
  b.writeUInt32BE(h, 20)
  return b
}

describe("imageTokens", () => {
  it("Anthropic: width x height / 750, scaled to a 1568 px long edge and about 1,600 tokens", () => {
    expect(imageTokens("anthropic", { width: 200, height: 200 })).toBe(54)
    expect(imageTokens("anthropic", { width: 1000, height: 1000 })).toBe(1334)
    expect(imageTokens("anthropic", { width: 1092, height: 1092 })).toBe(1590)
    expect(imageTokens("anthropic", { width: 4000, height: 3000 })).toBe(1600)
  })

  it("OpenAI high detail: 85 + 170 per 512 px tile after fitting 2048 and a 768 px shortest side", () => {
    expect(imageTokens("openai", { width: 1024, height: 1024 })).toBe(765)
    expect(imageTokens("openai", { width: 2048, height: 4096 })).toBe(1105)
    expect(imageTokens("openai", { width: 500, height: 300 })).toBe(255)
  })

  it("Gemini: 258 when both sides fit 384 px, else 258 per 768 px tile", () => {
    expect(imageTokens("gemini", { width: 384, height: 200 })).toBe(258)
    expect(imageTokens("gemini", { width: 1000, height: 700 })).toBe(516)
    expect(imageTokens("gemini", { width: 1536, height: 1536 })).toBe(1032)
  })

  it("an unknown size counts the fixed allowance, and provider names map to rules", () => {
    expect(imageTokens("openai", undefined)).toBe(TOKENS_PER_IMAGE)
    expect([imageRuleOf("anthropic"), imageRuleOf("google"), imageRuleOf("openai-compatible")]).toEqual(["anthropic", "gemini", "openai"])
  })
})

describe("image dimensions", () => {
  it("reads PNG, GIF, JPEG and WebP headers", () => {
    expect(imageDimsOf(PNG_1X1)).toEqual({ width: 1, height: 1 })
    expect(imageDimsOf(pngHeader(640, 480))).toEqual({ width: 640, height: 480 })
    const gif = Buffer.from("GIF89a\x20\x03\x58\x02\x00\x00", "latin1")
    expect(imageDimsOf(gif)).toEqual({ width: 800, height: 600 })
    // SOI, an APP0 segment of 16 bytes, then SOF0 with height 300 and width 500
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...Array(14).fill(0), 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x01, 0xf4, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(imageDimsOf(jpeg)).toEqual({ width: 500, height: 300 })
    const webp = Buffer.alloc(30)
    webp.write("RIFF", 0, "latin1"); webp.write("WEBPVP8X", 8, "latin1")
    webp.writeUIntLE(1023, 24, 3); webp.writeUIntLE(767, 27, 3)
    expect(imageDimsOf(webp)).toEqual({ width: 1024, height: 768 })
    expect(imageDimsOf(Buffer.from("not an image"))).toBeUndefined()
  })

  it("reads files, samples a list, and the budget estimate of a request counts its image by provider", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "image-dims-"))
    const file = path.join(dir, "big.png")
    fs.writeFileSync(file, pngHeader(1024, 1024))
    expect(readImageDims(file)).toEqual({ width: 1024, height: 1024 })
    expect(readImageDims(path.join(dir, "missing.png"))).toBeUndefined()
    expect(sampleImageDims([file, path.join(dir, "missing.png"), file], 2)).toEqual([{ width: 1024, height: 1024 }])
    const request = { prompt: "x".repeat(40), images: [{ path: "big.png", mediaType: "image/png" }], sampling: { temperature: 0, maxTokens: 8 }, sampleIndex: 0 }
    expect(estimateTokens(request, "openai-compatible", dir).inputTokens).toBe(10 + 765)
    expect(estimateTokens(request, "anthropic", dir).inputTokens).toBe(10 + 1399)
    expect(estimateTokens(request, "google", dir).inputTokens).toBe(10 + 1032)
  })
})
