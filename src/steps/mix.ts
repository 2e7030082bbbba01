// mix step: build one named training set from the kept traces, check train/eval leakage, write train.jsonl.
import * as path from "node:path"
import { Effect, Result } from "effect"
import type { JudgedTrace } from "../data/filter.ts"
import { buildMix, type MixSpec } from "../data/mix.ts"
import { findLeaks } from "../data/leakage.ts"
import type { Row } from "../plugins/dataset.ts"
import { readJsonl, writeJsonl } from "../store/jsonl.ts"
import { ROWS } from "./dataset.ts"
import { KEPT } from "./filter.ts"
import { renderPrompt } from "./generate.ts"
import { StepFailed, type Step } from "./step.ts"

/** The manifest (problem, source teacher, sample, tokens) and the trainer's input file of a mix node. */
export const MIX_MANIFEST = "manifest.jsonl"
export const MIX_TRAIN_FILE = "train.jsonl"

/** The training completion: separately returned thoughts come first, then the answer text. */
export const completionOf = (text: string, thoughts: string | undefined): string =>
  thoughts === undefined || thoughts === "" ? text : `${thoughts}\n\n${text}`

/** Builds the mix deterministically from the seed; fails on leakage when the spec says so. */
export const mixStep = (): Step => (ctx) =>
  Effect.gen(function*() {
    const p = ctx.node.params
    const fail = (message: string) => new StepFailed({ node: ctx.node.id, reason: "failed", message })
    const trainRows = readJsonl<Row>(path.join(ctx.upstream.train.dir, ROWS))
    const evals: Record<string, Row[]> = {}
    for (const [role, entry] of Object.entries(ctx.upstream)) {
      if (role.startsWith("eval:")) evals[role.slice(5)] = readJsonl<Row>(path.join(entry.dir, ROWS))
    }
    const leaks = findLeaks(trainRows, evals)
    const leaked = Object.entries(leaks).filter(([, ids]) => ids.length > 0)
    if (leaked.length > 0) {
      const text = leaked.map(([name, ids]) => `${name}: ${ids.length} of ${evals[name].length} eval problems also in training`).join("; ")
      ctx.event("leakage", { node: ctx.node.id, leaks: Object.fromEntries(leaked.map(([n, ids]) => [n, ids.length])) })
      if (p.leakage === "error") return yield* fail(`train/eval leakage: ${text}`)
      process.stderr.write(`WARNING train/eval leakage: ${text}\n`)
    }
    const kept: JudgedTrace[] = []
    for (const [role, entry] of Object.entries(ctx.upstream)) {
      if (role.startsWith("filter:")) kept.push(...readJsonl<JudgedTrace>(path.join(entry.dir, KEPT)))
    }
    const mixing = p.mixing as { mode: "per-problem" | "concat"; by: "examples" | "tokens"; problems: "intersection" | "union" }
    const spec: MixSpec = { name: p.mix as string, weights: p.weights as Record<string, number>, mode: mixing.mode, by: mixing.by, problems: mixing.problems }
    const result = buildMix(kept, spec, p.seed as number)
    if (Result.isFailure(result)) return yield* fail(result.failure.message)
    const rows = new Map(trainRows.map((r) => [r.id, r]))
    const mix = result.success
    writeJsonl(path.join(ctx.dir, MIX_MANIFEST), mix.rows.map((r) => ({ problemId: r.problemId, teacher: r.teacher, sampleIndex: r.sampleIndex, tokens: r.tokens })))
    writeJsonl(path.join(ctx.dir, MIX_TRAIN_FILE), mix.rows.map((r) => ({
      id: `${r.problemId}#${r.teacher}#${r.sampleIndex}`,
      prompt: renderPrompt(p.prompt as string, rows.get(r.problemId)!),
      completion: completionOf(r.text, r.thoughts)
    })))
    const leakCounts = Object.fromEntries(Object.entries(leaks).map(([n, ids]) => [n, ids.length]))
    return { summary: { stats: mix.stats, weights: mix.weights, leaks: leakCounts }, outputs: [MIX_MANIFEST, MIX_TRAIN_FILE] }
  })
