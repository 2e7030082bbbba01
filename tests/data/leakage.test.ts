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
    expect(findLeakDetails(train, evals)["gsm"]).toEqual([{ evalId: "g1", trainIds: ["t1", "t3"], match: "exact" }])
  })
  it("treats the same question over different images as different items", () => {
    const t = [row("t", "How many bars are shown?", "/a/chart1.png")]
    const e = { chart: [row("e1", "How many bars are shown?", "/b/chart1.png"), row("e2", "How many bars are shown?", "/b/chart2.png")] }
    expect(findLeaks(t, e)).toEqual({ chart: ["e1"] })
    expect(questionKey(t[0] as Row)).not.toBe(questionKey(row("x", "How many bars are shown?")))
  })
})

describe("normalisation that catches rewritten copies", () => {
  const same = (a: string, b: string) => expect(normaliseText(a), `${a} | ${b}`).toBe(normaliseText(b))
  it("reads number formats the same: 13 and 13.0, 1,300 and 1300, 2.50 and 2.5", () => {
    same("Tom buys 13 apples for $1,300.", "Tom buys 13.0 apples for $1300.")
    same("A pen costs 2.50 dollars", "A pen costs 2.5 dollars")
    expect(normaliseText("It costs 2.5 dollars")).not.toBe(normaliseText("It costs 25 dollars"))
  })
  it("reads number words as digits", () => {
    same("She has thirteen cats and twenty-five dogs.", "She has 13 cats and 25 dogs.")
    same("one hundred and three pages", "103 pages")
  })
  it("drops leading instructions", () => {
    same("Solve: What is 7 times 8?", "What is 7 times 8?")
    same("Question 4. What is 7 times 8?", "what is 7 times 8")
    same("Solve the following math problem: What is 7 times 8?", "What is 7 times 8?")
  })
  it("masks names, so swapping them changes nothing", () => {
    same("Natalia sold clips to 48 of her friends in April.", "Priya sold clips to 48 of her friends in April.")
    expect(normaliseText("The train leaves at 5.")).toContain("the train")
  })
})

describe("near-duplicates by n-gram containment", () => {
  const long = "Weng earns 12 dollars an hour for babysitting and yesterday she did 50 minutes of babysitting so how much did she earn in total"
  it("catches a copy inside a longer prompt (added sentences), and reports the share", () => {
    const t = [row("t1", long), row("t2", "A completely different question about trains leaving stations at noon and arriving later")]
    const e = { gsm: [row("e1", `Read carefully. ${long}? Give your answer in dollars.`), row("e2", "How many legs do 3 spiders have in all if each spider has 8 legs")] }
    const leaks = findLeakDetails(t, e)["gsm"]!
    expect(leaks.map((l) => l.evalId)).toEqual(["e1"])
    expect(leaks[0]).toMatchObject({ trainIds: ["t1"], match: "near" })
    expect(leaks[0]!.containment).toBeGreaterThanOrEqual(0.9)
  })
  it("does not flag templated questions that differ in one operator word", () => {
    const t = [row("t1", "Start 9, mod 10: (A) sub 2, (B) sub 1, (C) add 1.")]
    const e = { s: [row("e1", "Start 9, mod 10: (A) sub 2, (B) sub 1, (C) sub 1.")] }
    expect(findLeaks(t, e)).toEqual({ s: [] })
  })

  it("does not flag templated questions whose numbers differ", () => {
    const t = [row("t1", "Ann has 3 apples and buys 5 more apples at the market then gives 2 apples away how many are left")]
    const e = { s: [row("e1", "Ann has 7 apples and buys 4 more apples at the market then gives 6 apples away how many are left")] }
    expect(findLeaks(t, e)).toEqual({ s: [] })
  })
})
