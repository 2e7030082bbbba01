// filter step: keep judged-correct traces of one teacher (rejection sampling).
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { filterTraces, type JudgedTrace, type TraceVerdict } from "../data/filter.ts"
import { iterateJsonl, keyedJsonl, writeJsonl } from "../store/jsonl.ts"
import { GENERATIONS, type GenerationRecord } from "./generate.ts"
import { JUDGED, type JudgedRecord } from "./judge.ts"
import { StepFailed, type Step } from "./step.ts"

/** The kept traces of a filter node. */
export const KEPT = "kept.jsonl"
/** The judged-incorrect and unparseable traces of a filter node (the rejected side of teacher-sourced DPO pairs). */
export const REJECTED = "rejected.jsonl"

const CHARS_PER_TOKEN = 4

/** A judged trace as the filter holds it: its verdict and length, its text left in the generations file. */
interface TraceAt extends TraceVerdict {
  readonly outputTokens: number
}

/**
 * Joins generations with their verdicts and keeps the correct ones under the spec's policy. Generations are read by
 * offset (`keyedJsonl`), so only the verdicts are held, never the texts.
 */
export const filterStep = (): Step<"filter"> => (ctx) =>
  Effect.gen(function*() {
    const teacher = ctx.node.params.teacher
    // the last record of each sample: a retried dead letter is superseded by its new outcome
    const gens = yield* Effect.acquireRelease(
      Effect.sync(() => keyedJsonl<GenerationRecord>(path.join(ctx.upstream.generate.dir, GENERATIONS), (g) => `${g.problemId}#${g.sampleIndex}`)),
      (r) => Effect.sync(() => r.close()))
    const generation = (t: { readonly problemId: string; readonly sampleIndex: number }) => gens.get(`${t.problemId}#${t.sampleIndex}`)!
    const traces: Array<TraceAt> = []
    for (const j of iterateJsonl<JudgedRecord>(path.join(ctx.upstream.judge.dir, JUDGED))) {
      const g = generation(j)
      traces.push({ problemId: j.problemId, teacher, sampleIndex: j.sampleIndex, verdict: j.verdict,
        outputTokens: g.usage?.outputTokens ?? Math.ceil(g.text.length / CHARS_PER_TOKEN) })
    }
    const result = filterTraces(traces, ctx.node.params.keep)
    if (Result.isFailure(result)) return yield* new StepFailed({ node: ctx.node.id, reason: "failed", message: result.failure.message })
    const whole = function*(list: Iterable<TraceAt>): Generator<JudgedTrace> {
      for (const t of list) {
        const g = generation(t)
        yield { problemId: t.problemId, teacher, sampleIndex: t.sampleIndex, text: g.text,
          ...(g.thoughts === undefined ? {} : { thoughts: g.thoughts }), verdict: t.verdict, outputTokens: t.outputTokens }
      }
    }
    writeJsonl(path.join(ctx.dir, KEPT), whole(result.success.kept))
    writeJsonl(path.join(ctx.dir, REJECTED), whole(traces.filter((t) => t.verdict !== "correct")))
    return { summary: { counts: result.success.counts, kept: result.success.kept.length }, outputs: [KEPT, REJECTED] }
  }).pipe(Effect.scoped)
