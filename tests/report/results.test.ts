// Tests for results.json and results.csv: columns, one row per cell, CSV quoting, NaN as null.
import { describe, expect, it } from "vitest"
import { computeReport } from "../../src/report/build.ts"
import { CSV_COLUMNS, nodeTotals, resultsCsv, resultsJson } from "../../src/report/results.ts"
import { syntheticInput } from "./fixtures.ts"

describe("results", () => {
  const data = computeReport(syntheticInput())

  it("writes one CSV row per cell with every column", () => {
    const lines = resultsCsv(data.table.cells).trimEnd().split("\n")
    expect(lines[0]).toBe(CSV_COLUMNS.join(","))
    expect(lines).toHaveLength(1 + data.table.cells.length)
    const row = lines.find((l) => l.startsWith("tiny,m,16000000,long,in-dist,"))!.split(",")
    const col = (name: string) => row[CSV_COLUMNS.indexOf(name)]
    expect(row).toHaveLength(CSV_COLUMNS.length)
    expect([col("n"), col("accuracy"), col("ci_method"), col("ci_over"), col("seed_sd"), col("mean_tokens")]).toEqual(["200", "50", "exact", "items", "", "300"])
  })

  it("quotes CSV fields with commas or quotes", () => {
    const cell = { ...data.table.cells[0]!, mix: 'a,"b"' }
    expect(resultsCsv([cell]).split("\n")[1]).toContain('"a,""b"""')
  })

  it("serialises the results with totals and NaN as null", () => {
    const json = JSON.parse(resultsJson({ ...data.results, totals: { ...data.results.totals, seconds: Number.NaN } }))
    expect(json.totals.seconds).toBeNull()
    expect(json.cells).toHaveLength(data.table.cells.length)
    expect(json.crossovers.find((x: { evalSet: string }) => x.evalSet === "Avg")).toMatchObject({ status: "item-level only", below: "s", size: "m" })
    expect(nodeTotals(syntheticInput().nodes)).toEqual({ seconds: 3825, costUsd: 1.25, calls: 200, tokens: 80000 })
  })
})
