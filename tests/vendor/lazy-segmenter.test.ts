// The vendored modules' top-level grapheme segmenter is built on first use and segments as Intl.Segmenter does.
import { describe, expect, it } from "vitest"
import { deferSegmenters } from "../../src/vendor/lazy-segmenter.ts"

const module = `const before = 1;
const graphemeSegmenter = /*#__PURE__*/new Intl.Segmenter(undefined, {
  granularity: "grapheme"
});
export const count = (s) => [...graphemeSegmenter.segment(s)].length;`

describe("deferSegmenters", () => {
  it("replaces the constructor call with an object that builds the segmenter on its first use", () => {
    const out = deferSegmenters(module)
    expect(out).not.toMatch(/^const graphemeSegmenter = .*new Intl\.Segmenter/m)
    const count = new Function(`${out.replace("export const count", "const count")}\nreturn count`)() as (s: string) => number
    expect(count("e\u0301a")).toBe(2)
    expect(count("1\uFE0F\u20E3ok")).toBe(3)
    expect(count("")).toBe(0)
  })

  it("leaves a module without a top-level segmenter as it is", () => {
    const other = "const s = (x) => new Intl.Segmenter(undefined).segment(x);\nexport { s };"
    expect(deferSegmenters(other)).toBe(other)
  })
})
