// mix step: build one named training set from the kept traces and write train.jsonl.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import type { JudgedTrace } from "../data/filter.ts"
import { buildMix, type MixSpec } from "../data/mix.ts"
import type { Row } from "../plugins/dataset.ts"
import { readJsonl, writeJsonl } from "../store/jsonl.ts"
import { ROWS } from "./dataset.ts"
import { KEPT } from "./filter.ts"
import { renderPrompt } from "./generate.ts"
import { renderTrace } from "../data/trace-template.ts"
import { StepFailed, type Step } from "./step.ts"

/** The manifest (problem, source teacher, sample, tokens) and the trainer's input file of a mix node. */
export const MIX_MANIFEST = "manifest.jsonl"
export const MIX_TRAIN_FILE = "train.jsonl"


/** Builds the mix deterministically from the seed and writes the trainer's input file. */
export const mixStep = (): Step<"mix"> => (ctx) =>
  Effect.gen(function*() {
    const p = ctx.node.params
    const trainRows = readJsonl<Row>(path.join(ctx.upstream.train!.dir, ROWS))
    const kept: JudgedTrace[] = []
    for (const [role, entry] of Object.entries(ctx.upstream)) {
      if (role.startsWith("filter:")) kept.push(...readJsonl<JudgedTrace>(path.join(entry.dir, KEPT)))
    }
    const spec: MixSpec = { name: p.mix, weights: p.weights, mode: p.mixing.mode, by: p.mixing.by, problems: p.mixing.problems }
    const result = buildMix(kept, spec, p.seed)
    if (Result.isFailure(result)) return yield* new StepFailed({ node: ctx.node.id, reason: "failed", message: result.failure.message })
    const rows = new Map(trainRows.map((r) => [r.id, r]))
    const mix = result.success
    writeJsonl(path.join(ctx.dir, MIX_MANIFEST), mix.rows.map((r) => ({ problemId: r.problemId, teacher: r.teacher, sampleIndex: r.sampleIndex, tokens: r.tokens })))
    writeJsonl(path.join(ctx.dir, MIX_TRAIN_FILE), mix.rows.map((r) => ({
      id: `${r.problemId}#${r.teacher}#${r.sampleIndex}`,
      prompt: renderPrompt(p.prompt, rows.get(r.problemId)!),
      completion: renderTrace(p.mixing.template, r.text, r.thoughts)
    })))
    return { summary: { stats: mix.stats, weights: mix.weights }, outputs: [MIX_MANIFEST, MIX_TRAIN_FILE] }
  })
