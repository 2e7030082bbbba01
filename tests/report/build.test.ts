// End-to-end test: a full report from synthetic input written to a temp dir, with files, PNG header and content checked.
import { NodeServices } from "@effect/platform-node"
import { Effect } from "effect"
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { buildReport } from "../../src/report/build.ts"
import { syntheticInput } from "./fixtures.ts"

const dir = mkdtempSync(join(tmpdir(), "report-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("buildReport", () => {
  it("writes report.md, results, and both charts as SVG and PNG", async () => {
    const paths = await Effect.runPromise(buildReport(syntheticInput(), join(dir, "out")).pipe(Effect.provide(NodeServices.layer)))
    expect(Object.values(paths).map((p) => p.slice(dir.length + 1)).sort()).toEqual([
      "out/charts/accuracy-by-mix.png", "out/charts/accuracy-by-mix.svg", "out/charts/gap-vs-size.png", "out/charts/gap-vs-size.svg",
      "out/report.md", "out/results.csv", "out/results.json"
    ])
    for (const png of [paths.gapPng, paths.accuracyPng]) {
      const bytes = readFileSync(png)
      expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a")
      expect(statSync(png).size).toBeGreaterThan(20_000)
    }
    expect(readFileSync(paths.gapSvg, "utf8")).toContain("Gap vs student size")
    const md = readFileSync(paths.report, "utf8")
    expect(md).toContain("## Gap rows")
    expect(md).toMatch(/\| long - short \| tiny m \| in-dist \| 200 \| 1 \| \+5\.0 \| \[[0-9.]+, [0-9.]+\] \| 0\.00195 \| 0\.0352 \| item-level only \|/)
    expect(md).toContain("✅ PASS")
    expect(md).toContain("❌ FAIL")
    expect(md).toContain("| not significant |")
    expect(md).toContain("charts/gap-vs-size.png")
    const json = JSON.parse(readFileSync(paths.resultsJson, "utf8"))
    expect(json.expected.map((e: { status: string }) => e.status)).toEqual(["pass", "fail", "missing"])
    expect(json.statistics).toMatchObject({ level: 0.95, alpha: 0.05, correction: "holm-bonferroni", family: 24 })
    expect(json.gaps[0]).toMatchObject({ claim: expect.any(String), pHolm: expect.any(Number), ciMethod: "exact", seeds: 1 })
    expect(readFileSync(paths.resultsCsv, "utf8").split("\n")[0]).toMatch(/^family,size,params,mix,eval_set,n,/)
  })

  it("is deterministic: a second build gives identical results.json", async () => {
    const run = (out: string) => Effect.runPromise(buildReport(syntheticInput(), join(dir, out)).pipe(Effect.provide(NodeServices.layer)))
    const [a, b] = [await run("a"), await run("b")]
    expect(readFileSync(b.resultsJson, "utf8")).toBe(readFileSync(a.resultsJson, "utf8"))
  })
})
