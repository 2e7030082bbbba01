// Byte tokenizer: round trips (ASCII and multi-byte UTF-8), special ids, and safe decoding of broken sequences.
import { describe, expect, it } from "vitest"
import { BOS, decode, encode, encodePrompt, EOS, PAD, VOCAB_SIZE } from "../../src/students/tokenizer.ts"

describe("byte tokenizer", () => {
  it("round-trips ASCII and multi-byte UTF-8", () => {
    for (const text of ["12 + 30 = 42", "", "\\boxed{½} — π ≈ 3.14", "emoji 🤖 and 中文", "tab\tnew\nline"]) {
      expect(decode(encode(text))).toBe(text)
    }
  })
  it("maps bytes to ids 0-255 and reserves BOS/EOS/PAD", () => {
    expect(encode("é")).toEqual([0xc3, 0xa9])
    expect([BOS, EOS, PAD, VOCAB_SIZE]).toEqual([256, 257, 258, 259])
    expect(encodePrompt("A")).toEqual([BOS, 65])
    expect(decode([BOS, 104, 105, EOS, PAD])).toBe("hi")
  })
  it("never throws on truncated or invalid UTF-8", () => {
    expect(decode([0xe2, 0x82])).toBe("\uFFFD")
    expect(decode([0x61, 0xff, 0x62])).toBe("a\uFFFDb")
  })
})
