// Tests for the train/eval leakage check.
import { describe, expect, it } from "vitest"
import { CONTAINMENT, findLeakDetails, findLeaks, NGRAM, normaliseText, questionKey } from "../../src/data/leakage.ts"
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

describe("findLeakDetails against a pairwise reference", () => {
  // every (eval, train) pair compared directly: what the streamed, eval-indexed check must reproduce
  const grams = (text: string): ReadonlyArray<string> => {
    const words = text.split(" ")
    const out: string[] = []
    for (let i = 0; i + NGRAM <= words.length; i++) out.push(words.slice(i, i + NGRAM).join(" "))
    return [...new Set(out)]
  }
  const numbers = (text: string) => text.split(" ").filter((w) => /^\d+(?:\.\d+)?$/u.test(w)).join(" ")
  const reference = (train: ReadonlyArray<Row>, evals: Readonly<Record<string, ReadonlyArray<Row>>>) =>
    Object.fromEntries(Object.entries(evals).map(([set, rows]) => [set, rows.flatMap((e) => {
      const exact = train.filter((t) => questionKey(t) === questionKey(e)).map((t) => t.id)
      if (exact.length > 0) return [{ evalId: e.id, trainIds: exact, match: "exact" }]
      const eText = normaliseText(e.question)
      const eGrams = grams(eText)
      const scored = train.flatMap((t, index) => {
        const tText = normaliseText(t.question)
        if (numbers(tText) !== numbers(eText) || (t.image?.path ?? "") !== (e.image?.path ?? "")) return []
        const tGrams = new Set(grams(tText))
        const shared = eGrams.map((g, i) => [g, i] as const).filter(([g]) => tGrams.has(g))
        if (shared.length === 0) return []
        return [{ id: t.id, index, first: shared[0]![1], share: Math.max(shared.length / eGrams.length, shared.length / tGrams.size) }]
      })
      const best = Math.max(0, ...scored.map((s) => s.share))
      if (best < CONTAINMENT) return []
      const ids = scored.filter((s) => s.share === best).sort((a, b) => a.first - b.first || a.index - b.index).map((s) => s.id)
      return [{ evalId: e.id, trainIds: ids, match: "near", containment: Math.round(best * 1000) / 1000 }]
    })]))

  const WORDS = ["ann", "has", "apples", "and", "buys", "more", "at", "the", "market", "then", "gives", "away", "how", "many", "left"]
  const generated = (seed: number) => {
    let s = seed
    const next = (n: number) => { s = (s * 1103515245 + 12345) % 2147483648; return s % n }
    const base = Array.from({ length: 12 }, () => Array.from({ length: 10 + next(10) }, () => next(4) === 0 ? String(next(3)) : WORDS[next(WORDS.length)]!))
    const variant = (words: ReadonlyArray<string>) => {
      const w = [...words]
      const edits = next(3)
      for (let i = 0; i < edits; i++) {
        const at = next(w.length + 1)
        if (next(2) === 0) w.splice(at, 0, WORDS[next(WORDS.length)]!)
        else w.splice(at, 1)
      }
      return (next(3) === 0 ? ["please", "read", ...w, "carefully", "now"] : w).join(" ")
    }
    const image = () => next(5) === 0 ? `/img/${next(2)}.png` : undefined
    const train = Array.from({ length: 60 }, (_, i) => row(`t${i}`, variant(base[next(base.length)]!), image()))
    const evals = {
      a: Array.from({ length: 25 }, (_, i) => row(`a${i}`, variant(base[next(base.length)]!), image())),
      b: Array.from({ length: 10 }, (_, i) => row(`b${i}`, variant(base[next(base.length)]!), image()))
    }
    return { train, evals }
  }

  it("finds the same exact and near leaks, with the same ids in the same order, on generated sets", () => {
    let nearFound = 0
    let exactFound = 0
    for (let seed = 1; seed <= 40; seed++) {
      const { train, evals } = generated(seed)
      const expected = reference(train, evals)
      expect(findLeakDetails(train, evals), `seed ${seed}`).toEqual(expected)
      for (const leaks of Object.values(expected)) for (const l of leaks) if (l.match === "near") nearFound += 1; else exactFound += 1
    }
    // the generated sets exercise both kinds, ties included
    expect(nearFound).toBeGreaterThan(20)
    expect(exactFound).toBeGreaterThan(5)
  })

  it("reads the training rows once, as a stream", () => {
    const { train, evals } = generated(7)
    let passes = 0
    const stream = { *[Symbol.iterator]() { passes += 1; yield* train } }
    expect(findLeakDetails(stream, evals)).toEqual(reference(train, evals))
    expect(passes).toBe(1)
  })
})
