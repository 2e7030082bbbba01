// filter step: keep judged-correct traces of one teacher (rejection sampling).
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { filterTraces, type JudgedTrace } from "../data/filter.ts"
import { readJsonl, writeJsonl } from "../store/jsonl.ts"
import { GENERATIONS, type GenerationRecord } from "./generate.ts"
import { JUDGED, type JudgedRecord } from "./judge.ts"
import { StepFailed, type Step } from "./step.ts"

/** The kept traces of a filter node. */
export const KEPT = "kept.jsonl"
/** The judged-incorrect and unparseable traces of a filter node (the rejected side of teacher-sourced DPO pairs). */
export const REJECTED = "rejected.jsonl"

const CHARS_PER_TOKEN = 4

/** Joins generations with their verdicts and keeps the correct ones under the spec's policy. */
export const filterStep = (): Step<"filter"> => (ctx) =>
  Effect.gen(function*() {
    const teacher = ctx.node.params.teacher
    const judgeDir = ctx.upstream.judge.dir
    const gens = new Map(readJsonl<GenerationRecord>(path.join(ctx.upstream.generate.dir, GENERATIONS)).map((g) => [`${g.problemId}#${g.sampleIndex}`, g]))
    const traces: JudgedTrace[] = readJsonl<JudgedRecord>(path.join(judgeDir, JUDGED)).map((j) => {
      const g = gens.get(`${j.problemId}#${j.sampleIndex}`)!
      return {
        problemId: j.problemId, teacher, sampleIndex: j.sampleIndex, text: g.text,
        ...(g.thoughts === undefined ? {} : { thoughts: g.thoughts }), verdict: j.verdict,
        outputTokens: g.usage?.outputTokens ?? Math.ceil(g.text.length / CHARS_PER_TOKEN)
      }
    })
    const result = filterTraces(traces, ctx.node.params.keep)
    if (Result.isFailure(result)) return yield* new StepFailed({ node: ctx.node.id, reason: "failed", message: result.failure.message })
    writeJsonl(path.join(ctx.dir, KEPT), result.success.kept)
    writeJsonl(path.join(ctx.dir, REJECTED), traces.filter((t) => t.verdict !== "correct"))
    return { summary: { counts: result.success.counts, kept: result.success.kept.length }, outputs: [KEPT, REJECTED] }
  })
