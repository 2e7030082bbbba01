// filter step: keep judged-correct traces of one teacher (rejection sampling).
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { filterTraces, type JudgedTrace, type TraceVerdict } from "../data/filter.ts"
import { indexJsonl, iterateJsonl, jsonlAt, writeJsonl } from "../store/jsonl.ts"
import type { Span } from "../store/span-index.ts"
import { GENERATIONS, type GenerationRecord } from "./generate.ts"
import { JUDGED, type JudgedRecord } from "./judge.ts"
import { StepFailed, type Step } from "./step.ts"

/** The kept traces of a filter node. */
export const KEPT = "kept.jsonl"
/** The judged-incorrect and unparseable traces of a filter node (the rejected side of teacher-sourced DPO pairs). */
export const REJECTED = "rejected.jsonl"

const CHARS_PER_TOKEN = 4

/** A judged trace as the filter holds it: where its generation lies instead of its text. */
interface TraceAt extends TraceVerdict {
  readonly outputTokens: number
  readonly at: Span
}

/**
 * Joins generations with their verdicts and keeps the correct ones under the spec's policy. Generations are read by
 * offset, so only the verdicts are held, never the texts.
 */
export const filterStep = (): Step<"filter"> => (ctx) =>
  Effect.gen(function*() {
    const teacher = ctx.node.params.teacher
    const gensFile = path.join(ctx.upstream.generate.dir, GENERATIONS)
    const spans = indexJsonl<GenerationRecord>(gensFile, (g) => `${g.problemId}#${g.sampleIndex}`)
    const gens = yield* Effect.acquireRelease(Effect.sync(() => jsonlAt<GenerationRecord>(gensFile)), (r) => Effect.sync(() => r.close()))
    const traces: Array<TraceAt> = []
    for (const j of iterateJsonl<JudgedRecord>(path.join(ctx.upstream.judge.dir, JUDGED))) {
      const at = spans.get(`${j.problemId}#${j.sampleIndex}`)!
      const g = gens.read(at)
      traces.push({ problemId: j.problemId, teacher, sampleIndex: j.sampleIndex, verdict: j.verdict,
        outputTokens: g.usage?.outputTokens ?? Math.ceil(g.text.length / CHARS_PER_TOKEN), at })
    }
    const result = filterTraces(traces, ctx.node.params.keep)
    if (Result.isFailure(result)) return yield* new StepFailed({ node: ctx.node.id, reason: "failed", message: result.failure.message })
    const whole = function*(list: Iterable<TraceAt>): Generator<JudgedTrace> {
      for (const t of list) {
        const g = gens.read(t.at)
        yield { problemId: t.problemId, teacher, sampleIndex: t.sampleIndex, text: g.text,
          ...(g.thoughts === undefined ? {} : { thoughts: g.thoughts }), verdict: t.verdict, outputTokens: t.outputTokens }
      }
    }
    writeJsonl(path.join(ctx.dir, KEPT), whole(result.success.kept))
    writeJsonl(path.join(ctx.dir, REJECTED), whole(traces.filter((t) => t.verdict !== "correct")))
    return { summary: { counts: result.success.counts, kept: result.success.kept.length }, outputs: [KEPT, REJECTED] }
  }).pipe(Effect.scoped)
