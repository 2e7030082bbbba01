// Tests for the train/eval leakage check.
import { describe, expect, it } from "vitest"
import { findLeakDetails, findLeaks, normaliseText, questionKey } from "../../src/data/leakage.ts"
import type { Row } from "../../src/plugins/index.ts"

const row = (id: string, question: string, image?: string): Row =>
  ({ id, question, reference: "1", ...(image === undefined ? {} : { image: { path: image, mediaType: "image/png" } }) })

describe("normaliseText", () => {
  it("lowercases, strips punctuation and collapses whitespace", () => {
    expect(normaliseText("  What is   2+2?\n")).toBe("what is 2 2")
  })
  it("ignores LaTeX spacing, \\left/\\right and dfrac/tfrac variants", () => {
    expect(normaliseText("Find $\\left( x,\\, y \\right)$ if $\\dfrac{1}{2}$"))
      .toBe(normaliseText("find (x, y) if \\frac{1}{2}"))
  })
  it("applies NFKC (full-width and curly quotes)", () => {
    expect(normaliseText("Ｊａｎｅｔ’s ducks")).toBe(normaliseText("Janet's ducks"))
  })
  it("keeps digits apart where punctuation separated them", () => {
    expect(normaliseText("3.5")).not.toBe(normaliseText("35"))
  })
})

describe("findLeaks", () => {
  const train = [row("t1", "What is 2 + 2?"), row("t2", "Compute $\\frac{1}{2}+\\frac{1}{3}$."), row("t3", "what is 2+2")]
  const evals = {
    gsm: [row("g1", "WHAT IS 2+2?"), row("g2", "What is 3+3?")],
    math: [row("m1", "Compute $\\dfrac{1}{2} + \\dfrac{1}{3}$"), row("m2", "Unrelated")],
    clean: [row("c1", "Nothing in common")]
  }
  it("reports the overlapping eval ids per eval set", () => {
    expect(findLeaks(train, evals)).toEqual({ gsm: ["g1"], math: ["m1"], clean: [] })
  })
  it("lists every matching training id", () => {
    expect(findLeakDetails(train, evals)["gsm"]).toEqual([{ evalId: "g1", trainIds: ["t1", "t3"] }])
  })
  it("treats the same question over different images as different items", () => {
    const t = [row("t", "How many bars are shown?", "/a/chart1.png")]
    const e = { chart: [row("e1", "How many bars are shown?", "/b/chart1.png"), row("e2", "How many bars are shown?", "/b/chart2.png")] }
    expect(findLeaks(t, e)).toEqual({ chart: ["e1"] })
    expect(questionKey(t[0] as Row)).not.toBe(questionKey(row("x", "How many bars are shown?")))
  })
})
