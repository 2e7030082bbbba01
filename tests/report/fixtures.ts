// Synthetic report inputs whose accuracies, gaps and crossover are known by construction.
import type { EvalRecord, ReportInput, StopReason } from "../../src/report/types.ts"

/** Sizes of the synthetic family, smallest first. */
export const SIZES = [
  { size: "xs", params: 1e6 },
  { size: "s", params: 4e6 },
  { size: "m", params: 16e6 },
  { size: "l", params: 64e6 }
]

/** Correct answers per 100 samples, by mix and size index: long - short = -10, -5, +5, +10 (crossover at m). */
export const CORRECT_PER_100: Record<string, ReadonlyArray<number>> = {
  long: [20, 30, 50, 70],
  short: [30, 35, 45, 60],
  "mix-long": [32, 38, 52, 71],
  base: [5, 8, 12, 20]
}

/** Eval sets and their sizes (multiples of 100, so accuracies are exact). */
export const EVAL_SETS = { "in-dist": 200, harder: 100 }

/**
 * Records for one cell: sample i is correct when (i mod 100) < correctPer100, so two mixes differ on exactly the
 * samples between their thresholds. Failures cycle through loop, max_tokens, unparseable, disagree and plain wrong.
 */
export const cellRecords = (student: EvalRecord["student"], mix: string | null, evalSet: string, n: number, correctPer100: number, seed = 1): Array<EvalRecord> =>
  Array.from({ length: n }, (_, i) => {
    const correct = i % 100 < correctPer100
    const kind = i % 5
    const stopReason: StopReason = correct ? "eos" : kind === 0 ? "loop" : kind === 1 ? "max_tokens" : "eos"
    const unparseable = !correct && kind === 2
    const text = correct ? "so the total is 42. Final Answer: \\boxed{42}"
      : kind === 3 ? "so the total is 41. Final Answer: \\boxed{40}" : "we get 7. Final Answer: \\boxed{7}"
    return {
      student, mix, method: "sft", seed, evalSet, sampleId: `${evalSet}-${i}`,
      verdict: correct ? "correct" : unparseable ? "unparseable" : "incorrect",
      rules: correct && i % 10 === 0 ? "incorrect" : correct ? "correct" : "incorrect",
      llm: correct ? "correct" : "incorrect",
      extracted: unparseable ? null : correct ? "42" : kind === 3 ? "40" : "7",
      reference: "42",
      outputTokens: mix === "long" ? 300 : 100,
      stopReason,
      text
    }
  })

/** The full synthetic report input; with several `seeds`, every trained seed answers alike (no seed-to-seed spread). */
export const syntheticInput = (overrides: Partial<ReportInput> = {}, seeds: ReadonlyArray<number> = [1]): ReportInput => ({
  experiment: "synthetic-gap",
  runId: "run-test",
  seeds,
  evals: SIZES.flatMap((s, k) =>
    Object.entries(CORRECT_PER_100).flatMap(([mix, per]) =>
      Object.entries(EVAL_SETS).flatMap(([set, n]) =>
        (mix === "base" ? [seeds[0] as number] : seeds).flatMap((seed) =>
          cellRecords({ family: "tiny", ...s }, mix === "base" ? null : mix, set, n, per[k] as number, seed))))),
  mixes: [{ name: "mix-long", stats: { count: 100, problems: 100, tokens: 16000, meanTokens: 160, sources: [
    { teacher: "long", weight: 0.2, count: 20, tokens: 8000, meanTokens: 400, shareExamples: 0.2, shareTokens: 0.5 },
    { teacher: "short", weight: 0.8, count: 80, tokens: 8000, meanTokens: 100, shareExamples: 0.8, shareTokens: 0.5 }
  ] } }],
  judging: [{ teacher: "long", total: 200, correct: 150, unparseable: 10, disagreement: 0.05 }, { teacher: "short", total: 200, correct: 170, unparseable: 4 }],
  nodes: [
    { key: "a1", kind: "generate", label: "generate long", seconds: 125, costUsd: 1.25, calls: 200, tokens: 80000 },
    { key: "b2", kind: "train", label: "train tiny/m mix-long", seconds: 3700, costUsd: 0, calls: 0, tokens: 0 }
  ],
  gaps: [{ name: "long - short", minuend: "long", subtrahend: "short" }],
  singleSources: ["long", "short"],
  expected: [
    { size: "m", mix: "long", evalSet: "in-dist", value: 51, tolerance: 2 },
    { size: "l", mix: "short", evalSet: "Avg", value: 50, tolerance: 3 },
    { size: "xl", mix: "long", evalSet: "in-dist", value: 50, tolerance: 3 }
  ],
  bootstrap: { resamples: 1000, seed: 3 },
  ...overrides
})
