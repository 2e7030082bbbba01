// generate step: teacher completions per problem and sample, via the permanent raw-response tier and the call policy.
import * as path from "node:path"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { Row } from "../plugins/dataset.ts"
import type { TeacherRequest, Usage } from "../plugins/teacher.ts"
import { policyCaller } from "../provider/call.ts"
import { policyFromSpec } from "../provider/spec-policy.ts"
import { stopMessage } from "../provider/outcome.ts"
import { iterateJsonl } from "../store/jsonl.ts"
import { pullWorkers } from "../run/pull-workers.ts"
import { openSampleLog } from "../store/sample-log.ts"
import { rawCache, rawKey } from "../store/raw-cache.ts"
import { ROWS } from "./dataset.ts"
import { tallied, tallyGenerations } from "./generation-tallies.ts"
import { StepFailed, type Step } from "./step.ts"
import { serviceAt, type StepEnv } from "./env.ts"
import type { RateLimits } from "../provider/rate-limits.ts"
import type { Budget } from "../provider/budget.ts"

/** The per-sample file of a generate node. */
export const GENERATIONS = "generations.jsonl"

/** One generated sample: a completion, or a dead letter with its error. */
export interface GenerationRecord {
  readonly problemId: string
  readonly sampleIndex: number
  readonly status: "ok" | "dead"
  readonly rawKey: string
  readonly text: string
  readonly thoughts?: string
  readonly usage?: Usage
  readonly finishReason?: string
  readonly costUsd?: number
  /** True when the response came from the raw tier (no call made by this node). */
  readonly fromCache?: boolean
  readonly error?: { readonly reason: string; readonly message: string; readonly attempts: number }
}

/** The last record of each (problem, sample): a retried dead letter is superseded by its new outcome. */
export const latestRecords = (records: Iterable<GenerationRecord>): ReadonlyArray<GenerationRecord> => {
  const last = new Map<string, GenerationRecord>()
  for (const r of records) last.set(`${r.problemId}#${r.sampleIndex}`, r)
  return [...last.values()]
}

/** Renders a prompt template: `{problem}` is the question. */
export const renderPrompt = (template: string, row: Row): string => template.split("{problem}").join(row.question)

/** Generates every (problem, sample) pair; resumable per sample; quota and budget stops pause the node. */
export const generateStep = (env: StepEnv): Step<"generate", RateLimits | Budget> => (ctx) =>
  Effect.gen(function*() {
    const p = ctx.node.params
    const entry = env.spec.teachers[p.teacher]!
    const teacher = yield* serviceAt(env, "teacher", p.pointer, ctx.node.id)
    const rowsFile = path.join(ctx.upstream.dataset.dir, ROWS)
    const counted = ctx.upstream.dataset.manifest.summary.rows
    let rowCount = typeof counted === "number" ? counted : 0
    if (typeof counted !== "number") for (const _ of iterateJsonl<Row>(rowsFile)) rowCount += 1
    const file = path.join(ctx.dir, GENERATIONS)
    const tallies = tallyGenerations(file)
    const done = tallies.done(env.retryDead === true)
    const raw = rawCache(env.run.storeRoot, teacher.provider, teacher.model)
    if (raw.health.damaged > 0) ctx.event("raw-cache-damaged", { node: ctx.node.id, ...raw.health })
    const call = yield* policyCaller(teacher, policyFromSpec(entry.limits, entry.price))
    const samples = p.samples
    const sampling = { temperature: p.temperature, maxTokens: p.max_tokens, ...(p.stop.length > 0 ? { stop: [...p.stop] } : {}) }
    /** The requests still to make, built one at a time from the streamed rows. */
    const work = (function*(): Generator<{ row: Row; request: TeacherRequest }> {
      for (const row of iterateJsonl<Row>(rowsFile)) for (let i = 0; i < samples; i++) {
        if (done.has(`${row.id}#${i}`)) continue
        yield { row, request: {
          prompt: renderPrompt(p.prompt, row), sampleIndex: i, row,
          ...(p.system === null ? {} : { system: p.system }),
          ...(row.image === undefined ? {} : { images: [row.image] }),
          sampling
        } }
      }
    })()
    ctx.progress.total(rowCount * samples)
    ctx.progress.advance(done.size)
    const log = tallied(openSampleLog<GenerationRecord>(file), tallies)
    let stop: StepFailed | undefined
    const concurrency = entry.limits?.concurrency ?? 8
    const one = (row: Row, request: TeacherRequest): Effect.Effect<void> => {
      const key = rawKey(teacher.provider, teacher.model, request)
      const cached = raw.get(key)
      if (cached !== undefined) {
        const c = cached.completion
        log.append({ problemId: row.id, sampleIndex: request.sampleIndex, rawKey: key, status: "ok", text: c.text, ...(c.thoughts === undefined ? {} : { thoughts: c.thoughts }), usage: c.usage, finishReason: c.finishReason, fromCache: true })
        ctx.progress.advance()
        return Effect.void
      }
      return Effect.flatMap(call(request), (outcome) => Clock.clockWith((clock) => Effect.sync(() => {
        const base = { problemId: row.id, sampleIndex: request.sampleIndex, rawKey: key }
        if (outcome._tag === "ok") {
          const c = outcome.completion
          raw.put({ key, provider: teacher.provider, model: teacher.model, completion: c, attempts: outcome.attempts, at: new Date(clock.currentTimeMillisUnsafe()).toISOString() })
          log.append({ ...base, status: "ok", text: c.text, ...(c.thoughts === undefined ? {} : { thoughts: c.thoughts }), usage: c.usage, finishReason: c.finishReason, ...(outcome.costUsd === undefined ? {} : { costUsd: outcome.costUsd }) })
        } else if (outcome._tag === "dead") {
          log.append({ ...base, status: "dead", text: "", error: { reason: outcome.reason, message: outcome.message, attempts: outcome.attempts } })
          ctx.event("dead-letter", { node: ctx.node.id, problemId: row.id, sampleIndex: request.sampleIndex, reason: outcome.reason, attempts: outcome.attempts })
        } else {
          stop ??= new StepFailed({ node: ctx.node.id, reason: outcome._tag === "auth" ? "failed" : "paused", message: stopMessage(outcome) })
          return
        }
        ctx.progress.advance()
      })))
    }
    // `concurrency` long-lived workers pull the next request: only the requests in flight are held
    yield* pullWorkers(work, concurrency, (w) => one(w.row, w.request), () => stop !== undefined)
      .pipe(Effect.ensuring(Effect.sync(() => {
        work.return(undefined)
        log.close()
      })))
    if (stop !== undefined) return yield* stop
    const t = tallies.totals()
    if (t.dead > 0 && t.dead * 2 > t.samples) {
      return yield* new StepFailed({ node: ctx.node.id, reason: "failed",
        message: `${t.dead} of ${t.samples} samples were dead-lettered (${t.deadReasons.join(", ")}); a mix of the rest would be near empty. ` +
          "Fix the cause (see: distill status), then retry them with: distill run <spec> --retry-dead" })
    }
    return {
      summary: {
        samples: t.samples, ok: t.ok, dead: t.dead, fromCache: t.fromCache,
        inputTokens: t.inputTokens, outputTokens: t.outputTokens,
        meanOutputTokens: t.ok === 0 ? 0 : t.outputTokens / t.ok,
        costUsd: t.costUsd, provider: teacher.provider, model: teacher.model,
        ...(raw.health.damaged > 0 ? { rawDamaged: raw.health.damaged } : {})
      },
      outputs: [GENERATIONS]
    }
  }).pipe(Effect.scoped)
