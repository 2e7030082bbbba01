// report step: gathers evaluations, mixes, judging counts and node costs from the store and builds the report.
import * as fs from "node:fs"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { buildReport } from "../report/build.ts"
import type { EvalRecord, ExpectedCell, GapSpec, NodeCost, ReportInput } from "../report/types.ts"
import { AVG } from "../report/types.ts"
import { readJsonl } from "../store/jsonl.ts"
import { EVAL_SAMPLES } from "./grade.ts"
import { OVERLAPS, type Overlaps } from "./leakage.ts"
import type { StageRun } from "../report/stages.ts"
import { StepFailed, type Step, type UpstreamEntry } from "./step.ts"
import type { StepEnv } from "./env.ts"

import { REPORT_DIR } from "../report/dir.ts"

export { REPORT_DIR }

const nodeCost = (u: UpstreamEntry): NodeCost => {
  const s = u.manifest.summary
  const judged = s.judgeCalls as { calls: number; inputTokens: number; outputTokens: number } | undefined
  return {
    key: u.node.key, kind: u.node.kind, label: u.node.id, seconds: u.manifest.seconds,
    costUsd: typeof s.costUsd === "number" ? s.costUsd : 0,
    calls: u.node.kind === "generate" ? (s.ok as number) - (s.fromCache as number) : judged?.calls ?? 0,
    tokens: u.node.kind === "generate" ? (s.inputTokens as number) + (s.outputTokens as number)
      : judged === undefined ? 0 : judged.inputTokens + judged.outputTokens
  }
}

/** Assembles the report input from upstream entries (pure but for reading files). */
export const reportInput = (env: StepEnv, upstream: Readonly<Record<string, UpstreamEntry>>, runId: string): ReportInput => {
  const entries = Object.values(upstream)
  const evals: EvalRecord[] = []
  const mixes: Array<ReportInput["mixes"][number]> = []
  const judging: Array<ReportInput["judging"][number]> = []
  let overlaps: Overlaps = {}
  const stages: Array<StageRun> = []
  for (const e of entries) {
    const s = e.manifest.summary
    if (e.node.kind === "grade") evals.push(...readJsonl<EvalRecord>(path.join(e.dir, EVAL_SAMPLES)))
    else if (e.node.kind === "mix") mixes.push({ name: e.node.params.mix, stats: s.stats as ReportInput["mixes"][number]["stats"] })
    else if (e.node.kind === "train" && (e.node.params.method === "dpo" || e.node.params.method === "grpo")) {
      const p = e.node.params
      stages.push({ label: `${p.mix}/${p.size}/s${p.seed}`, stage: p.stage, method: p.method,
        ...(s.pairs === undefined ? {} : { pairs: s.pairs as NonNullable<StageRun["pairs"]> }), metrics: (s.metrics ?? {}) as Record<string, unknown> })
    }
    else if (e.node.kind === "leakage") overlaps = JSON.parse(fs.readFileSync(path.join(e.dir, OVERLAPS), "utf8")) as Overlaps
    else if (e.node.kind === "judge") {
      judging.push({
        teacher: e.node.params.teacher, total: s.judged as number, correct: s.correct as number, unparseable: s.unparseable as number,
        ...((s.disagreements as number) > 0 ? { disagreement: (s.disagreements as number) / Math.max(1, s.judged as number) } : {})
      })
    }
  }
  const spec = env.spec
  const expected: ExpectedCell[] = (spec.expected ?? []).map((c) => ({
    size: c.size, ...(c.mix === undefined ? {} : { mix: c.mix }), ...(c.gap === undefined ? {} : { gap: c.gap }),
    evalSet: c.eval === "avg" ? AVG : c.eval, value: c.value, tolerance: c.tolerance
  }))
  const gaps: GapSpec[] = ((spec.report?.gaps ?? []) as Array<{ name?: string; minuend: string; subtrahend: string }>)
    .map((g) => ({ name: g.name ?? `${g.minuend} - ${g.subtrahend}`, minuend: g.minuend, subtrahend: g.subtrahend }))
  for (const stage of spec.train.stages ?? []) {
    for (const mix of Object.keys(spec.mixes)) {
      gaps.push({ name: `${mix}: ${stage.name} - ${stage.from}`, minuend: `${mix}/${stage.name}`, subtrahend: `${mix}/${stage.from}` })
    }
  }
  const singleSources = Object.entries(spec.mixes).filter(([, w]) => Object.values(w).filter((x) => x > 0).length === 1).map(([n]) => n)
  const seeds = [...new Set(evals.map((e) => e.seed))].sort((a, b) => a - b)
  return {
    experiment: spec.name, runId, seeds, evals, mixes, judging, nodes: entries.map(nodeCost), leakage: overlaps, stages,
    expected, gaps, singleSources, bootstrap: { resamples: (spec.report?.bootstrap as number | undefined) ?? 2000, seed: spec.seed ?? 0 }
  }
}

/** Builds report.md, results.json/.csv and the charts inside the node directory. */
export const reportStep = (env: StepEnv): Step<"report"> => (ctx) =>
  Effect.gen(function*() {
    const input = reportInput(env, ctx.upstream, ctx.node.key.slice(0, 12))
    const paths = yield* buildReport(input, path.join(ctx.dir, REPORT_DIR)).pipe(
      Effect.provide(NodeServices.layer),
      Effect.mapError((e) => new StepFailed({ node: ctx.node.id, reason: "failed", message: e.message })))
    const results = JSON.parse(fs.readFileSync(paths.resultsJson, "utf8")) as { expected?: ReadonlyArray<{ status?: string }> }
    const expected = { total: results.expected?.length ?? 0, failed: (results.expected ?? []).filter((e) => e.status !== "pass").length }
    return { summary: { files: Object.values(paths).map((p) => path.relative(ctx.dir, p)), evaluations: input.evals.length, expected } }
  })
