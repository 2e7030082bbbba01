// Tests for accuracy cells: exact accuracies, n per cell, unweighted Avg, exact and seeds x items intervals, method labels.
import { describe, expect, it } from "vitest"
import { buildCells, findCell } from "../../src/report/cells.ts"
import { clopperPearson } from "../../src/report/distributions.ts"
import { cellRecords, syntheticInput } from "./fixtures.ts"

const options = { resamples: 1000, seed: 1 }
const tinyS = { family: "tiny", size: "s", params: 4e6 }

describe("buildCells", () => {
  it("computes exact accuracies, n, Avg and CIs that contain the estimate", () => {
    const table = buildCells(syntheticInput().evals, options)
    expect(table.evalSets).toEqual(["harder", "in-dist"])
    expect(table.mixes).toEqual(["base", "long", "mix-long", "short"])
    const c = findCell(table, { family: "tiny", size: "m", mix: "long", evalSet: "in-dist" })
    expect(c).toMatchObject({ n: 200, records: 200, seeds: 1, accuracy: 50, meanTokens: 300 })
    expect(c).toMatchObject({ ciMethod: "exact", ciOver: "items" })
    expect(c!.ci.low).toBeCloseTo(100 * clopperPearson(100, 200).low, 10)
    expect(c!.ci.high).toBeCloseTo(100 * clopperPearson(100, 200).high, 10)
    expect(c!.seedSd).toBeUndefined()
    expect(findCell(table, { family: "tiny", size: "m", mix: "long", evalSet: "Avg" })).toMatchObject({ n: 300, accuracy: 50 })
  })

  it("averages eval sets without weighting by their size", () => {
    const evals = [...cellRecords(tinyS, "long", "a", 100, 50), ...cellRecords(tinyS, "long", "b", 300, 20)]
    const avg = findCell(buildCells(evals, options), { family: "tiny", size: "s", mix: "long", evalSet: "Avg" })
    expect(avg?.accuracy).toBeCloseTo(35, 10)
    expect(avg?.n).toBe(400)
  })

  it("gives 0 of 150 and 150 of 150 exact intervals, not [0, 0] or [100, 100]", () => {
    const cell = (k: number) => findCell(buildCells(cellRecords(tinyS, "long", "a", 150, k), options), { family: "tiny", size: "s", mix: "long", evalSet: "a" })!
    expect(cell(0).ci.low).toBe(0)
    expect(cell(0).ci.high).toBeCloseTo(2.43, 2)
    expect(cell(100).ci.low).toBeCloseTo(97.57, 2)
    expect(cell(100).ci.high).toBe(100)
  })

  it("with several seeds: a sample scores its mean over seeds, the interval covers seeds and items", () => {
    const evals = [1, 2, 3].flatMap((seed, k) => cellRecords(tinyS, "long", "a", 100, [40, 50, 60][k] as number, seed))
    const c = findCell(buildCells(evals, options), { family: "tiny", size: "s", mix: "long", evalSet: "a" })
    expect(c).toMatchObject({ n: 100, records: 300, seeds: 3, accuracy: 50, ciMethod: "seeds x items", ciOver: "seeds and items" })
    expect(c!.seedSd).toBeCloseTo(10, 10)
    // the seed spread (sd 10 points over 3 seeds) widens it well past the one-seed exact interval for 50 of 100
    const one = clopperPearson(50, 100)
    expect(c!.ci.high - c!.ci.low).toBeGreaterThan(1.5 * 100 * (one.high - one.low))
  })

  it("with several seeds and no correct answer: still the exact floor over the items", () => {
    const evals = [1, 2, 3].flatMap((seed) => cellRecords(tinyS, "long", "a", 150, 0, seed))
    const c = findCell(buildCells(evals, options), { family: "tiny", size: "s", mix: "long", evalSet: "a" })!
    expect([c.ci.low, c.ciMethod]).toEqual([0, "seeds x items"])
    expect(c.ci.high).toBeCloseTo(2.43, 2)
  })

  it("labels trained mixes with their method when a run has several methods", () => {
    const evals = [
      ...cellRecords(tinyS, "long", "a", 100, 50),
      ...cellRecords(tinyS, "long", "a", 100, 60).map((r) => ({ ...r, method: "lora" })),
      ...cellRecords(tinyS, null, "a", 100, 10)
    ]
    const table = buildCells(evals, options)
    expect(table.mixes).toEqual(["base", "long/lora", "long/sft"])
    expect(findCell(table, { family: "tiny", size: "s", mix: "long/lora", evalSet: "a" })?.accuracy).toBe(60)
  })

  it("reports both chain-judge stages and their disagreement", () => {
    const table = buildCells(cellRecords(tinyS, "long", "a", 100, 50), options)
    // fixture: 5 of the 50 correct answers (i % 10 === 0) were rejected by the rule stage
    expect(findCell(table, { family: "tiny", size: "s", mix: "long", evalSet: "a" })?.judge).toEqual({
      rulesN: 100, rulesAccuracy: 45, llmN: 100, llmAccuracy: 50, bothN: 100, disagreement: 5
    })
  })
})
