// Tests of answer cleaning, numbers and shapes.
import { describe, expect, it } from "vitest"
import { cleanLatex, compact, fixFracs, stripLhs, textKey } from "../../../../plugins/judge/math/normalize.ts"
import { closeTo, numbersEqual } from "../../../../plugins/judge/math/number-equality.ts"
import { parseNumber, parseNumberWords } from "../../../../plugins/judge/math/numbers.ts"
import { bracesBalanced, parseShape, splitTop } from "../../../../plugins/judge/math/structure.ts"

describe("cleanLatex", () => {
  it.each([
    ["\\left( 3, \\frac{\\pi}{2} \\right)", "( 3, \\frac{\\pi}{2} )"],
    ["\\dfrac{1}{2}", "\\frac{1}{2}"],
    ["90^\\circ", "90"],
    ["90^{\\circ}", "90"],
    ["145°", "145"],
    ["\\$32,\\!348", "32,348"],
    ["50\\%", "50%"],
    ["\\text{Evelyn}", "Evelyn"],
    ["5.4 \\text{ cents}", "5.4"],
    ["864 \\mbox{ inches}^2", "864"],
    ["\\frac{270}7\\text{ degrees}", "\\frac{270}{7}"],
    ["\\sqrt3", "\\sqrt{3}"],
    [".0000672", "0.0000672"],
    ["x \\in [-2,7]", "[-2,7]"],
    ["$1003$.", "1003"],
    ["k \\geqslant 2", "k \\geq 2"],
    ["\\frac{d !}{2}", "\\frac{d!}{2}"],
    ["\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}", "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}"]
  ])("%s -> %s", (input, out) => {
    expect(cleanLatex(input)).toBe(out)
  })

  it("fixes fraction shorthands", () => {
    expect(fixFracs("\\frac12+\\frac{3}4+\\frac 59")).toBe("\\frac{1}{2}+\\frac{3}{4}+\\frac{5}{9}")
    expect(fixFracs("\\frac\\pi2")).toBe("\\frac{\\pi}{2}")
  })

  it("strips only simple left-hand sides", () => {
    expect(stripLhs("x = 5")).toBe("5")
    expect(stripLhs("f(x)=x+1")).toBe("x+1")
    expect(stripLhs("a_1 = 3")).toBe("3")
    expect(stripLhs("5x - 7y + 4 = 0")).toBe("5x - 7y + 4 = 0")
    expect(stripLhs("x = y = 2")).toBe("x = y = 2")
  })

  it("compacts and keys text", () => {
    expect(compact("52_{8} + x^{2}")).toBe("52_8+x^2")
    expect(textKey("  Common  water-flea. ")).toBe("common water flea")
  })
})

describe("numbers", () => {
  it.each([
    ["1,000", 1000], ["025", 25], ["27.0", 27], ["-3.5", -3.5], [".5", 0.5], ["1/4", 0.25],
    ["\\frac{3}{4}", 0.75], ["-\\frac{1}{2}", -0.5], ["1\\frac{4}{5}", 1.8], ["137 \\frac{1}{2}", 137.5],
    ["seven", 7], ["twenty-one", 21], ["one hundred and five", 105], ["12 apples", 12], ["1.5e3", 1500], ["10{,}080", 10080]
  ])("parses %s", (input, value) => {
    expect(parseNumber(input)?.value).toBeCloseTo(value, 10)
  })

  it.each(["x+1", "\\sqrt{2}", "4 pi", "2 and 3", "", "abc"])("does not parse %s as a plain number", (input) => {
    expect(parseNumber(input)).toBeNull()
  })

  it("marks percents and compares them both ways", () => {
    const p = parseNumber("50%")!
    expect(p).toMatchObject({ value: 50, percent: true, decimals: 0 })
    expect(numbersEqual(p, parseNumber("50")!, 1e-6)).toBe(true)
    expect(numbersEqual(p, parseNumber("0.5")!, 1e-6)).toBe(true)
    expect(numbersEqual(parseNumber("50")!, parseNumber("0.5")!, 1e-6)).toBe(false)
    expect(numbersEqual(p, parseNumber("0.5%")!, 1e-6)).toBe(false)
  })

  it("compares computed values with a relative tolerance and no absolute slack", () => {
    expect(closeTo(1 / 3, 0.3333333333333, 1e-9)).toBe(true)
    expect(closeTo(1 / 3, 0.333333, 1e-9)).toBe(false)
    expect(closeTo(0.0000672, 0.0000673, 1e-9)).toBe(false)
    expect(closeTo(0, 2.88e-19, 1e-9)).toBe(false)
  })

  it("compares literals exactly, beyond double precision", () => {
    const eq = (a: string, b: string) => numbersEqual(parseNumber(a)!, parseNumber(b)!, 1e-9)
    expect(eq("1450001", "1450000")).toBe(false)
    expect(eq("100000000000000001", "100000000000000000")).toBe(false)
    expect(eq("0", "2.88e-19")).toBe(false)
    expect(eq("2.50", "\\frac{5}{2}")).toBe(true)
    expect(eq("6.02 \\times 10^{23}", "6.02e23")).toBe(true)
    expect(eq("1 000 000", "10^{6}")).toBe(true)
  })

  it("lets a decimal of six or more places stand for a fraction it rounds, and no shorter one", () => {
    const eq = (a: string, b: string) => numbersEqual(parseNumber(a)!, parseNumber(b)!, 1e-9)
    expect(eq("0.333333", "\\frac{1}{3}")).toBe(true)
    expect(eq("0.666667", "2/3")).toBe(true)
    expect(eq("0.666666", "2/3")).toBe(false)
    expect(eq("0.3333", "1/3")).toBe(false)
    expect(eq("0.3333333", "0.333333")).toBe(false)
  })

  it("reads number words only when every word is one", () => {
    expect(parseNumberWords("three thousand two hundred")).toBe(3200)
    expect(parseNumberWords("seven dwarfs")).toBeNull()
  })
})

describe("shapes", () => {
  it("splits at top level only", () => {
    expect(splitTop("f(x,y), \\{1,2\\}, 3", /^,/)).toEqual(["f(x,y)", "\\{1,2\\}", "3"])
  })
  it("reads tuples, intervals, sets, unions and plus-minus", () => {
    expect(parseShape("(3,4]")).toMatchObject({ kind: "seq", open: "(", close: "]" })
    expect(parseShape("\\{1,2\\}")).toMatchObject({ kind: "set", bare: false })
    expect(parseShape("(0,9) \\cup (9,36)")).toMatchObject({ kind: "union" })
    expect(parseShape("1, 2")).toMatchObject({ kind: "set", bare: true })
    expect(parseShape("1 \\pm \\sqrt{19}")).toMatchObject({ kind: "set", items: [{ text: "1+\\sqrt{19}" }, { text: "1-(\\sqrt{19})" }] })
    expect(parseShape("(a+5)(b+2)")).toEqual({ kind: "scalar", text: "(a+5)(b+2)" })
    expect(parseShape("10,080")).toEqual({ kind: "scalar", text: "10,080" })
  })
  it("checks brace balance", () => {
    expect(bracesBalanced("\\frac{1}{2}")).toBe(true)
    expect(bracesBalanced("\\frac{1}{2")).toBe(false)
    expect(bracesBalanced("}{")).toBe(false)
  })
})
