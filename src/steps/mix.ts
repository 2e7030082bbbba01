// mix step: build one named training set from the kept traces and write train.jsonl.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import type { JudgedTrace } from "../data/filter.ts"
import { chooseMix, type MixSpec, type MixTrace } from "../data/mix.ts"
import type { Row } from "../plugins/dataset.ts"
import { iterateJsonlSpans, jsonlAt, keyedJsonl, writeJsonl } from "../store/jsonl.ts"
import { ROWS } from "./dataset.ts"
import { KEPT } from "./filter.ts"
import { renderPrompt } from "./generate.ts"
import { renderTrace } from "../data/trace-template.ts"
import { StepFailed, type Step } from "./step.ts"

/** The manifest (problem, source teacher, sample, tokens) and the trainer's input file of a mix node. */
export const MIX_MANIFEST = "manifest.jsonl"
export const MIX_TRAIN_FILE = "train.jsonl"


/** A kept trace as the mix holds it: where it lies (which filter's file, at what offset) instead of its text. */
interface KeptAt extends MixTrace {
  readonly file: number
  readonly offset: number
  readonly bytes: number
}

/**
 * Builds the mix deterministically from the seed and writes the trainer's input file. Kept traces and dataset rows
 * are read by offset, so the texts are never held, only what the choice needs.
 */
export const mixStep = (): Step<"mix"> => (ctx) =>
  Effect.gen(function*() {
    const p = ctx.node.params
    const files = Object.entries(ctx.upstream).filter(([role]) => role.startsWith("filter:")).map(([, entry]) => path.join(entry.dir, KEPT))
    const readers = yield* Effect.acquireRelease(
      Effect.sync(() => ({ rows: keyedJsonl<Row>(path.join(ctx.upstream.train!.dir, ROWS), (r) => r.id), kept: files.map((f) => jsonlAt<JudgedTrace>(f)) })),
      (r) => Effect.sync(() => { r.rows.close(); for (const k of r.kept) k.close() }))
    const kept: Array<KeptAt> = []
    files.forEach((f, file) => {
      for (const { record: t, span } of iterateJsonlSpans<JudgedTrace>(f)) {
        kept.push({ problemId: t.problemId, teacher: t.teacher, sampleIndex: t.sampleIndex, outputTokens: t.outputTokens, file, offset: span.offset, bytes: span.bytes })
      }
    })
    const spec: MixSpec = { name: p.mix, weights: p.weights, mode: p.mixing.mode, by: p.mixing.by, problems: p.mixing.problems }
    const result = chooseMix(kept, spec, p.seed)
    if (Result.isFailure(result)) return yield* new StepFailed({ node: ctx.node.id, reason: "failed", message: result.failure.message })
    const mix = result.success
    writeJsonl(path.join(ctx.dir, MIX_MANIFEST), (function*() {
      for (const r of mix.chosen) yield { problemId: r.problemId, teacher: r.teacher, sampleIndex: r.sampleIndex, tokens: r.outputTokens }
    })())
    writeJsonl(path.join(ctx.dir, MIX_TRAIN_FILE), (function*() {
      for (const r of mix.chosen) {
        const trace = readers.kept[r.file]!.read(r)
        yield {
          id: `${r.problemId}#${r.teacher}#${r.sampleIndex}`,
          prompt: renderPrompt(p.prompt, readers.rows.get(r.problemId)!),
          completion: renderTrace(p.mixing.template, trace.text, trace.thoughts)
        }
      }
    })())
    return { summary: { stats: mix.stats, weights: mix.weights }, outputs: [MIX_MANIFEST, MIX_TRAIN_FILE] }
  }).pipe(Effect.scoped)
