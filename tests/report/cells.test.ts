// Tests for accuracy cells: exact accuracies, n per cell, unweighted Avg, CIs over samples and over seeds, method labels.
import { describe, expect, it } from "vitest"
import { buildCells, findCell } from "../../src/report/cells.ts"
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
    expect(c!.ci.low).toBeLessThan(50)
    expect(c!.ci.high).toBeGreaterThan(50)
    expect(c!.seedCi).toBeUndefined()
    expect(findCell(table, { family: "tiny", size: "m", mix: "long", evalSet: "Avg" })).toMatchObject({ n: 300, accuracy: 50 })
  })

  it("averages eval sets without weighting by their size", () => {
    const evals = [...cellRecords(tinyS, "long", "a", 100, 50), ...cellRecords(tinyS, "long", "b", 300, 20)]
    const avg = findCell(buildCells(evals, options), { family: "tiny", size: "s", mix: "long", evalSet: "Avg" })
    expect(avg?.accuracy).toBeCloseTo(35, 10)
    expect(avg?.n).toBe(400)
  })

  it("scores a sample by its mean over seeds and adds a CI over seed means", () => {
    const evals = [1, 2, 3].flatMap((seed, k) => cellRecords(tinyS, "long", "a", 100, [40, 50, 60][k] as number, seed))
    const c = findCell(buildCells(evals, options), { family: "tiny", size: "s", mix: "long", evalSet: "a" })
    expect(c).toMatchObject({ n: 100, records: 300, seeds: 3, accuracy: 50 })
    expect(c!.seedCi!.low).toBeGreaterThanOrEqual(40)
    expect(c!.seedCi!.high).toBeLessThanOrEqual(60)
    expect(c!.seedCi!.high - c!.seedCi!.low).toBeGreaterThan(5)
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
