// Named mixes: deterministic, balanced selection of kept teacher traces in the ratio of the mix weights.
import * as Data from "effect/Data"
import * as Result from "effect/Result"
import type { JudgedTrace } from "./filter.ts"
import { compareStrings, deriveSeed, mulberry32, shuffled } from "./prng.ts"
import { apportion, fillBudget, greedyTokenAssign } from "./mix-quota.ts"
import { type MixRow, type MixStats, mixStats } from "./mix-stats.ts"

export type { MixRow, MixSourceStats, MixStats } from "./mix-stats.ts"

/**
 * A named mix. `per-problem` (default): each problem appears once, its source drawn in the weights' ratio;
 * `concat`: the teachers' traces concatenated, sized so counts (or tokens) follow the weights.
 */
export interface MixSpec {
  readonly name: string
  /** Weight per teacher; normalised, need not sum to 1. Zero-weight teachers are ignored. */
  readonly weights: Readonly<Record<string, number>>
  readonly mode?: "per-problem" | "concat"
  /** per-problem only: problems with a kept trace from every teacher (default) or from any. */
  readonly problems?: "intersection" | "union"
  /** Whether weights apply to example counts (default) or to total output tokens. */
  readonly by?: "examples" | "tokens"
}

/** A built mix: its manifest rows (sorted by problem id, teacher, sample index) and statistics. */
export interface MixResult {
  readonly name: string
  readonly weights: Readonly<Record<string, number>>
  readonly rows: ReadonlyArray<MixRow>
  readonly stats: MixStats
}

/** A mix that cannot be built. */
export class MixError extends Data.TaggedError("MixError")<{
  readonly reason: "bad-weight" | "zero-weights" | "unknown-teacher" | "empty-mix"
  readonly mix: string
  readonly message: string
}> {}

/** What a mix reads of a kept trace; the rest (its text) only passes through. */
export type MixTrace = Pick<JudgedTrace, "problemId" | "teacher" | "sampleIndex" | "outputTokens">

/** A mix chosen from traces of any shape: the traces, sorted by problem id, teacher and sample index, and statistics. */
export interface MixChoice<T extends MixTrace> {
  readonly name: string
  readonly weights: Readonly<Record<string, number>>
  readonly chosen: ReadonlyArray<T>
  readonly stats: MixStats
}

const toRow = (t: JudgedTrace): MixRow => ({
  problemId: t.problemId,
  teacher: t.teacher,
  sampleIndex: t.sampleIndex,
  text: t.text,
  ...(t.thoughts === undefined ? {} : { thoughts: t.thoughts }),
  tokens: t.outputTokens
})

const rowOrder = (a: MixTrace, b: MixTrace): number =>
  compareStrings(a.problemId, b.problemId) || compareStrings(a.teacher, b.teacher) || a.sampleIndex - b.sampleIndex

/** Validates and normalises weights: the positive ones, by teacher name, summing to 1. */
export const normaliseWeights = (spec: MixSpec): Result.Result<Record<string, number>, MixError> => {
  const entries = Object.entries(spec.weights)
  const bad = entries.find(([, w]) => !Number.isFinite(w) || w < 0)
  if (bad) {
    return Result.fail(new MixError({ reason: "bad-weight", mix: spec.name, message: `mix "${spec.name}": weight of "${bad[0]}" must be a finite number >= 0, got ${bad[1]}` }))
  }
  const positive = entries.filter(([, w]) => w > 0).sort(([a], [b]) => compareStrings(a, b))
  const sum = positive.reduce((a, [, w]) => a + w, 0)
  if (sum <= 0) {
    return Result.fail(new MixError({ reason: "zero-weights", mix: spec.name, message: `mix "${spec.name}": at least one weight must be > 0` }))
  }
  return Result.succeed(Object.fromEntries(positive.map(([t, w]) => [t, w / sum])))
}

const perProblem = <T extends MixTrace>(byTeacher: ReadonlyMap<string, ReadonlyArray<T>>, teachers: ReadonlyArray<string>, weights: Record<string, number>, spec: MixSpec, seed: number): Array<T> => {
  // first kept trace (lowest sample index) per teacher and problem: one map per teacher (the lists are sorted by
  // problem and sample index, so the first seen is the first), not one per problem
  const firstBy = new Map<string, Map<string, T>>()
  for (const teacher of teachers) {
    const m = new Map<string, T>()
    for (const t of byTeacher.get(teacher) ?? []) if (!m.has(t.problemId)) m.set(t.problemId, t)
    firstBy.set(teacher, m)
  }
  const problemIds = new Set<string>()
  for (const m of firstBy.values()) for (const p of m.keys()) problemIds.add(p)
  const groups = new Map<string, Array<string>>()
  for (const problemId of problemIds) {
    const from = teachers.filter((t) => firstBy.get(t)!.has(problemId))
    if (spec.problems !== "union" && from.length < teachers.length) continue
    const signature = from.join("\u0000")
    const group = groups.get(signature)
    if (group) group.push(problemId)
    else groups.set(signature, [problemId])
  }
  const out: Array<T> = []
  for (const signature of [...groups.keys()].sort(compareStrings)) {
    const available = signature.split("\u0000")
    const problems = shuffled((groups.get(signature) ?? []).sort(compareStrings), mulberry32(deriveSeed(seed, `per-problem:${signature}`)))
    const targets = available.map((t) => weights[t] as number)
    const pick = (p: string, s: number) => firstBy.get(available[s] as string)?.get(p) as T
    if (spec.by === "tokens") {
      const sources = greedyTokenAssign(problems.map((p) => available.map((_, s) => pick(p, s).outputTokens)), targets)
      problems.forEach((p, i) => out.push(pick(p, sources[i] as number)))
    } else {
      let offset = 0
      apportion(targets, problems.length).forEach((quota, s) => {
        for (const p of problems.slice(offset, offset + quota)) out.push(pick(p, s))
        offset += quota
      })
    }
  }
  return out
}

const concat = <T extends MixTrace>(byTeacher: ReadonlyMap<string, ReadonlyArray<T>>, teachers: ReadonlyArray<string>, weights: Record<string, number>, spec: MixSpec, seed: number): Array<T> => {
  const pools = teachers.map((t) => shuffled(byTeacher.get(t) ?? [], mulberry32(deriveSeed(seed, `concat:${t}`))))
  const w = teachers.map((t) => weights[t] as number)
  if (spec.by === "tokens") {
    const totals = pools.map((p) => p.reduce((a, t) => a + t.outputTokens, 0))
    const scale = Math.min(...totals.map((tok, i) => tok / (w[i] as number)))
    return pools.flatMap((pool, i) => fillBudget(pool.map((t) => t.outputTokens), (w[i] as number) * scale).map((k) => pool[k] as T))
  }
  const total = Math.floor(Math.min(...pools.map((p, i) => p.length / (w[i] as number))) + 1e-9)
  const quotas = apportion(w, total)
  return pools.flatMap((pool, i) => pool.slice(0, Math.min(pool.length, quotas[i] as number)))
}

/**
 * Chooses one mix from kept traces of any shape, deterministically from `seed`: what `buildMix` does, for a caller
 * that holds where each trace's text lies rather than the text.
 * per-problem uses each teacher's first kept trace (lowest sample index) for a problem.
 */
export const chooseMix = <T extends MixTrace>(kept: ReadonlyArray<T>, spec: MixSpec, seed: number): Result.Result<MixChoice<T>, MixError> => {
  const normalised = normaliseWeights(spec)
  if (Result.isFailure(normalised)) return Result.fail(normalised.failure)
  const weights = normalised.success
  const teachers = Object.keys(weights)
  const byTeacher = new Map<string, Array<T>>()
  for (const t of kept) {
    if (!(t.teacher in weights)) continue
    const list = byTeacher.get(t.teacher)
    if (list) list.push(t)
    else byTeacher.set(t.teacher, [t])
  }
  for (const list of byTeacher.values()) list.sort((a, b) => compareStrings(a.problemId, b.problemId) || a.sampleIndex - b.sampleIndex)
  const missing = teachers.filter((t) => !byTeacher.has(t))
  if (missing.length > 0) {
    return Result.fail(new MixError({ reason: "unknown-teacher", mix: spec.name, message: `mix "${spec.name}": no kept traces from ${missing.map((t) => `"${t}"`).join(", ")}` }))
  }
  const chosen = (spec.mode ?? "per-problem") === "concat"
    ? concat(byTeacher, teachers, weights, spec, seed)
    : perProblem(byTeacher, teachers, weights, spec, seed)
  if (chosen.length === 0) {
    return Result.fail(new MixError({ reason: "empty-mix", mix: spec.name, message: `mix "${spec.name}": no problem has kept traces from every teacher of the mix` }))
  }
  chosen.sort(rowOrder)
  return Result.succeed({ name: spec.name, weights, chosen, stats: mixStats(chosen.map((t) => ({ problemId: t.problemId, teacher: t.teacher, tokens: t.outputTokens })), weights) })
}

/**
 * Builds one mix from kept traces, deterministically from `seed`.
 * per-problem uses each teacher's first kept trace (lowest sample index) for a problem.
 */
export const buildMix = (kept: ReadonlyArray<JudgedTrace>, spec: MixSpec, seed: number): Result.Result<MixResult, MixError> =>
  Result.map(chooseMix(kept, spec, seed), (c) => ({ name: c.name, weights: c.weights, rows: c.chosen.map(toRow), stats: c.stats }))

/** Builds several mixes; fails on the first mix that cannot be built. */
export const buildMixes = (kept: ReadonlyArray<JudgedTrace>, specs: ReadonlyArray<MixSpec>, seed: number): Result.Result<Array<MixResult>, MixError> => {
  const out: Array<MixResult> = []
  for (const spec of specs) {
    const r = buildMix(kept, spec, seed)
    if (Result.isFailure(r)) return Result.fail(r.failure)
    out.push(r.success)
  }
  return Result.succeed(out)
}
