// Tests for the synthetic-solver's chain traces: exact answers, bare short steps, long traces whose checks are true.
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { applyChainOp, chainValues, MODULUS, parseChain, stepLabel } from "../../../../plugins/dataset/synthetic/chain.ts"
import { chainRows } from "../../../../plugins/dataset/synthetic/chain-rows.ts"
import { FALSE_START_RATE } from "../../../../plugins/teacher/synthetic-solver/chain-trace.ts"
import { solveRequest, type SyntheticSolverConfig } from "../../../../plugins/teacher/synthetic-solver/index.ts"
import type { Row, TeacherRequest } from "../../../../src/plugins/index.ts"

const rows = chainRows({ count: 400, steps: [2, 6], split: "train", seed: 11 })
const request = (row: Row, sampleIndex = 0): TeacherRequest =>
  ({ prompt: row.question, sampling: { temperature: 0, maxTokens: 2048 }, sampleIndex, row })
const run = (config: SyntheticSolverConfig, row: Row, sampleIndex = 0) => Effect.runSync(solveRequest(config, request(row, sampleIndex)))
const boxed = (text: string) => /\\boxed\{(\d+)\}$/u.exec(text)?.[1]
const mod = (x: number) => ((x % MODULUS) + MODULUS) % MODULUS
const SYM: Record<string, "add" | "sub"> = { "+": "add", "-": "sub" }

/** Whether one written check is true arithmetic mod 10 (`r-n=a` or `r+n=a`). */
const checkIsTrue = (check: string): boolean => {
  const undo = /^(\d)([+-])(\d)=(\d)/u.exec(check)
  if (undo === null) return false
  const [r, n, a] = [Number(undo[1]), Number(undo[3]), Number(undo[4])]
  return mod(undo[2] === "+" ? r + n : r - n) === a
}

describe("synthetic-solver on chains", () => {
  it("answers every chain exactly when error_rate is 0, in both styles, without reading the reference", () => {
    for (const style of ["short", "long"] as const) {
      for (const row of rows) {
        expect(boxed(run({ style, error_rate: 0 }, row).text)).toBe(row.reference)
        expect(boxed(run({ style, error_rate: 0 }, { ...row, reference: "99" }).text)).toBe(row.reference)
      }
    }
  })

  it("writes the short trace as the bare steps, each step true mod 10", () => {
    for (const row of rows) {
      const chain = parseChain(row.meta)!
      const text = run({ style: "short", error_rate: 0 }, row).text
      const steps = text.split(" ").slice(0, -1)
      expect(text).toMatch(/^([A-H]:\d[+-]\d=\d )+\\boxed\{\d\}$/u)
      expect(steps).toHaveLength(chain.ops.length)
      steps.forEach((step, i) => {
        const [, label, a, sym, n, r] = /^([A-H]):(\d)([+-])(\d)=(\d)$/u.exec(step)!
        expect(label).toBe(stepLabel(i))
        expect(chain.ops[i]).toEqual({ op: SYM[sym!], n: Number(n) })
        expect(applyChainOp(Number(a), chain.ops[i]!)).toBe(Number(r))
      })
    }
  })

  it("checks every step of a long trace, catches each false start by a check that fails, and writes only true checks", () => {
    let steps = 0
    let falseStarts = 0
    for (const row of rows) {
      const text = run({ style: "long", error_rate: 0 }, row).text
      const chain = parseChain(row.meta)!
      expect(text).toMatch(new RegExp(`^${stepLabel(0)}: ${chain.start}[+-]`, "u"))
      expect(text.endsWith(`Chain ${[chain.start, ...chain.ops.map((_, i) => chainValues(chain)[i + 1])].join(" ")}, answer \\boxed{${row.reference}}`)).toBe(true)
      const yes = [...text.matchAll(/check (\d[+-]\d=\d) ok\./gu)].map((m) => m[1]!)
      const no = [...text.matchAll(/\? check (\d[+-]\d=\d not \d), redo /gu)].map((m) => m[1]!)
      expect(yes).toHaveLength(chain.ops.length)
      for (const check of [...yes, ...no]) expect(checkIsTrue(check), check).toBe(true)
      for (const check of no) expect(check).toMatch(/ not \d$/u)
      for (const check of yes) expect(check).not.toMatch(/not/u)
      steps += chain.ops.length
      falseStarts += no.length
    }
    expect(falseStarts / steps).toBeGreaterThan(FALSE_START_RATE - 0.06)
    expect(falseStarts / steps).toBeLessThan(FALSE_START_RATE + 0.06)
  })

  it("makes long traces several times longer than short ones, and short ones free of checks", () => {
    const short = rows.map((r) => run({ style: "short", error_rate: 0 }, r).text)
    const long = rows.map((r) => run({ style: "long", error_rate: 0 }, r).text)
    const total = (xs: Array<string>) => xs.reduce((n, t) => n + t.length, 0)
    expect(total(long) / total(short)).toBeGreaterThan(3)
    expect(short.some((t) => /check|redo|ok/u.test(t))).toBe(false)
  })

  it("slips deterministically, ends every slipped trace on a wrong digit, and leaves slipped steps unchecked", () => {
    for (const style of ["short", "long"] as const) {
      const config = { style, error_rate: 0.2, seed: 4 }
      let slippedRows = 0
      for (const row of rows) {
        const c = run(config, row)
        expect(run(config, row).text).toBe(c.text)
        const slipped = (c.raw as { slippedSteps: Array<number> }).slippedSteps
        if (slipped.length === 0) {
          expect(boxed(c.text)).toBe(row.reference)
          continue
        }
        slippedRows++
        expect(boxed(c.text)).not.toBe(row.reference)
        if (style === "long") {
          for (const i of slipped) expect(c.text).toMatch(new RegExp(`${stepLabel(i)}: \\d[+-]\\d=\\d\\. ([A-H]: |Chain )`, "u"))
        }
      }
      expect(slippedRows / rows.length).toBeGreaterThan(0.3)
    }
  })

  it("varies the long trace's false starts with the sample index", () => {
    const texts = (i: number) => rows.slice(0, 50).map((r) => run({ style: "long", error_rate: 0 }, r, i).text)
    expect(texts(0)).not.toEqual(texts(1))
  })
})
