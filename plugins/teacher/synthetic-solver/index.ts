// Teacher plugin `synthetic-solver`: solves synthetic rows from row.meta and writes a short or long trace.
import { Effect, Layer } from "effect"
import {
  defineTeacher, Teacher, TeacherError, type Completion, type JsonSchemaObject, type TeacherRequest
} from "../../../src/plugins/index.ts"
import { makeRng } from "../../dataset/synthetic/prng.ts"
import { parseProblem } from "../../dataset/synthetic/problem.ts"
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

/** Solves one request; fails with reason "client" when the row carries no synthetic problem. */
export const solveRequest = (config: SyntheticSolverConfig, request: TeacherRequest): Effect.Effect<Completion, TeacherError> =>
  Effect.gen(function*() {
    const row = request.row
    const problem = row === undefined ? null : parseProblem(row.meta)
    if (row === undefined || problem === null) {
      return yield* new TeacherError({
        reason: "client",
        message: "synthetic-solver needs a row from the synthetic dataset (row.meta.problem is missing or malformed)"
      })
    }
    const rng = makeRng(`synthetic-solver:${config.seed ?? 0}:${row.id}:${request.sampleIndex}`)
    const steps = workSteps(problem, config.error_rate, rng)
    const full = config.style === "long" ? longTrace(problem, steps, rng) : shortTrace(problem, steps)
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
      raw: { style: config.style, slippedSteps: steps.flatMap((s, i) => (s.slipped ? [i] : [])) }
    }
  })

export default defineTeacher<SyntheticSolverConfig>({
  name: "synthetic-solver",
  version: "1.0.0",
  description: "Deterministic offline teacher for the synthetic dataset: short or long traces, optional step errors.",
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
