// judge step: a verdict per teacher completion, checkpointed per sample.
import * as path from "node:path"
import { Effect } from "effect"
import type { Row } from "../plugins/dataset.ts"
import { readJsonl } from "../store/jsonl.ts"
import { openSampleLog, readSampleLog } from "../store/sample-log.ts"
import { ROWS } from "./dataset.ts"
import { GENERATIONS, type GenerationRecord } from "./generate.ts"
import { StepFailed, type Step } from "./step.ts"
import { serviceAt, type StepEnv } from "./env.ts"

/** The judged-samples file of a judge node. */
export const JUDGED = "judged.jsonl"

/** One judged completion. */
export interface JudgedRecord {
  readonly problemId: string
  readonly sampleIndex: number
  readonly verdict: "correct" | "incorrect" | "unparseable"
  readonly extracted: string | null
  readonly rules?: string
  readonly llm?: string
  readonly error?: string
}

/** Judges every successful generation; dead-lettered samples are skipped and counted. */
export const judgeStep = (env: StepEnv): Step<"judge"> => (ctx) =>
  Effect.gen(function*() {
    const rows = new Map(readJsonl<Row>(path.join(ctx.upstream.dataset.dir, ROWS)).map((r) => [r.id, r]))
    const gens = readJsonl<GenerationRecord>(path.join(ctx.upstream.generate.dir, GENERATIONS)).filter((g) => g.status === "ok")
    const file = path.join(ctx.dir, JUDGED)
    const done = new Set(readSampleLog<JudgedRecord>(file).map((r) => `${r.problemId}#${r.sampleIndex}`))
    const judge = yield* serviceAt(env, "judge", ctx.node.params.pointer, ctx.node.id)
    const log = openSampleLog<JudgedRecord>(file)
    ctx.progress.total(gens.length)
    ctx.progress.advance(done.size)
    const todo = gens.filter((g) => !done.has(`${g.problemId}#${g.sampleIndex}`))
    yield* Effect.forEach(todo, (g) => Effect.gen(function*() {
      const row = rows.get(g.problemId)!
      const v = yield* judge.judge({
        pred: g.text, ref: row.reference, question: row.question,
        ...(row.choices === undefined ? {} : { choices: row.choices }),
        ...(row.answerKind === undefined ? {} : { answerKind: row.answerKind })
      }).pipe(Effect.mapError((e) => new StepFailed({ node: ctx.node.id, reason: "failed", message: `${g.problemId}: ${e.message}` })))
      log.append({ problemId: g.problemId, sampleIndex: g.sampleIndex, verdict: v.verdict, extracted: v.extracted,
        ...(v.rules === undefined ? {} : { rules: v.rules }), ...(v.llm === undefined ? {} : { llm: v.llm }) })
      ctx.progress.advance()
    }), { concurrency: judge.usesModel ? 8 : 1, discard: true }).pipe(Effect.ensuring(Effect.sync(() => log.close())))
    const all = readSampleLog<JudgedRecord>(file)
    const count = (v: string) => all.filter((r) => r.verdict === v).length
    const disagreements = all.filter((r) => r.rules !== undefined && r.llm !== undefined && r.rules !== r.llm).length
    return {
      summary: { judged: all.length, correct: count("correct"), incorrect: count("incorrect"), unparseable: count("unparseable"), disagreements },
      outputs: [JUDGED]
    }
  }).pipe(Effect.scoped)
