// Teacher plugin `synthetic-solver`: solves synthetic rows (word problems or chains) from row.meta as a short or long trace.
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import {
  defineTeacher, Teacher, TeacherError, type Completion, type JsonSchemaObject, type TeacherRequest
} from "../../../src/plugins/index.ts"
import { makeRng, type Rng } from "../../dataset/synthetic/prng.ts"
import { parseChain } from "../../dataset/synthetic/chain.ts"
import { parseProblem } from "../../dataset/synthetic/problem.ts"
import { workChain } from "./chain-steps.ts"
import { longChainTrace, shortChainTrace } from "./chain-trace.ts"
import schema from "./config.schema.json" with { type: "json" }
import { workSteps } from "./steps.ts"
import { longTrace, shortTrace, type TraceStyle } from "./trace.ts"

/** The validated `with:` block. */
export interface SyntheticSolverConfig {
  readonly style: TraceStyle
  readonly error_rate: number
  readonly seed?: number
}

/** Token estimate used for usage reports: one token per 4 characters, rounded up. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4)

/** A rendered trace and the indices of its slipped steps. */
interface Traced {
  readonly full: string
  readonly slipped: ReadonlyArray<number>
}

const traced = <S extends { readonly slipped: boolean }>(steps: ReadonlyArray<S>, render: (steps: ReadonlyArray<S>) => string): Traced =>
  ({ full: render(steps), slipped: steps.flatMap((s, i) => (s.slipped ? [i] : [])) })

/** The trace of a row's chain or word problem in the configured style; null when the row holds neither. */
const traceRow = (config: SyntheticSolverConfig, meta: unknown, rng: Rng): Traced | null => {
  const chain = parseChain(meta)
  if (chain !== null) {
    return traced(workChain(chain, config.error_rate, rng), (steps) =>
      config.style === "long" ? longChainTrace(chain, steps, rng) : shortChainTrace(chain, steps))
  }
  const problem = parseProblem(meta)
  if (problem === null) return null
  return traced(workSteps(problem, config.error_rate, rng), (steps) =>
    config.style === "long" ? longTrace(problem, steps, rng) : shortTrace(problem, steps))
}

/** Solves one request; fails with reason "client" when the row carries no synthetic problem. */
export const solveRequest = (config: SyntheticSolverConfig, request: TeacherRequest): Effect.Effect<Completion, TeacherError> =>
  Effect.gen(function*() {
    const row = request.row
    const trace = row === undefined
      ? null
      : traceRow(config, row.meta, makeRng(`synthetic-solver:${config.seed ?? 0}:${row.id}:${request.sampleIndex}`))
    if (trace === null) {
      return yield* new TeacherError({
        reason: "client",
        message: "synthetic-solver needs a row from the synthetic dataset (row.meta.problem or row.meta.chain is missing or malformed)"
      })
    }
    const { full, slipped } = trace
    const maxChars = request.sampling.maxTokens * 4
    const text = full.length > maxChars ? full.slice(0, maxChars) : full
    return {
      text,
      usage: {
        inputTokens: estimateTokens(`${request.system ?? ""}${request.prompt}`),
        outputTokens: estimateTokens(text)
      },
      finishReason: text.length < full.length ? "length" : "stop",
      model: `synthetic-solver/${config.style}`,
      raw: { style: config.style, slippedSteps: slipped }
    }
  })

export default defineTeacher<SyntheticSolverConfig>({
  name: "synthetic-solver",
  version: "1.1.0",
  description: "Deterministic offline teacher for the synthetic dataset (word problems and mod-10 chains): short or long traces, optional step errors.",
  configSchema: schema as JsonSchemaObject,
  capabilities: { deterministic: true, network: false, gpu: false },
  layer: (config) =>
    Layer.succeed(Teacher, Teacher.of({
      provider: "synthetic",
      model: `synthetic-solver/${config.style}`,
      rateKey: "synthetic",
      price: { inputPerM: 0, outputPerM: 0 },
      generate: (request) => solveRequest(config, request)
    }))
})
