// Tests for the exact distributions against reference values (R / scipy): incomplete beta, t quantiles, Clopper-Pearson, McNemar.
import { describe, expect, it } from "vitest"
import { betaInc, clopperPearson, exactMcNemar, normalCdf, studentTCdf, studentTQuantile, tTestP } from "../../src/report/distributions.ts"

describe("distributions", () => {
  it("gives 0 of 150 the exact interval [0, 2.43%], not [0, 0]", () => {
    const i = clopperPearson(0, 150)
    expect(i.low).toBe(0)
    expect(i.high).toBeCloseTo(1 - 0.025 ** (1 / 150), 10)
    expect(i.high).toBeCloseTo(0.0242926, 6)
    const all = clopperPearson(150, 150)
    expect(all.high).toBe(1)
    expect(all.low).toBeCloseTo(1 - 0.0242926, 6)
  })

  it("matches R's binom.test intervals", () => {
    // binom.test(5, 20)$conf.int: 0.08657147 0.49104587; binom.test(1, 3): 0.008403759 0.905700676
    expect(clopperPearson(5, 20).low).toBeCloseTo(0.08657147, 7)
    expect(clopperPearson(5, 20).high).toBeCloseTo(0.49104587, 7)
    expect(clopperPearson(1, 3).low).toBeCloseTo(0.008403759, 8)
    expect(clopperPearson(1, 3).high).toBeCloseTo(0.905700676, 8)
  })

  it("matches t quantiles and CDFs", () => {
    const q = [[1, 12.7062047], [2, 4.3026527], [3, 3.1824463], [5, 2.5705818], [10, 2.2281389], [1.5, 6.0166631]] as const
    for (const [df, t] of q) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 6)
    expect(studentTCdf(2, 4.5)).toBeCloseTo(0.9458710464, 9)
    expect(studentTCdf(-1.959963984540054, Number.POSITIVE_INFINITY)).toBeCloseTo(0.025, 10)
    expect(normalCdf(0)).toBe(0.5)
    expect(tTestP(0, 3)).toBe(1)
    expect(betaInc(0.3, 2.5, 7)).toBeCloseTo(0.6412224629717214, 10)
  })

  it("exact McNemar: 4-0 and 5-0 discordant pairs are not significant", () => {
    expect(exactMcNemar(4, 0)).toBeCloseTo(0.125, 12)
    expect(exactMcNemar(0, 5)).toBeCloseTo(0.0625, 12)
    expect(exactMcNemar(6, 0)).toBeCloseTo(0.03125, 12)
    expect(exactMcNemar(10, 3)).toBeCloseTo(0.09228515625, 10)
    expect(exactMcNemar(3, 3)).toBe(1)
    expect(exactMcNemar(0, 0)).toBe(1)
  })
})
