// An in-memory TeacherService whose answers are scripted per prompt and attempt (for policy tests).
import { Effect } from "effect"
import { type Completion, type Price, type TeacherRequest, type TeacherService, TeacherError } from "../../../src/plugins/index.ts"

/** What one scripted attempt does: answer, fail with a reason, or never answer. */
export type ScriptStep =
  | { readonly kind: "ok"; readonly usage?: Completion["usage"] }
  | { readonly kind: "fail"; readonly reason: TeacherError["reason"]; readonly retryAfterMs?: number }
  | { readonly kind: "hang" }

/** A scripted teacher and the calls it received. */
export interface ScriptedTeacher {
  readonly service: TeacherService
  /** Attempts per prompt. */
  readonly calls: Map<string, number>
  /** Clock time (ms) of each attempt, in order. */
  readonly times: Array<number>
}

/** `script(prompt, attempt)` (attempt 1-based) decides each call. */
export const scriptedTeacher = (
  script: (prompt: string, attempt: number) => ScriptStep,
  options: { readonly rateKey?: string; readonly price?: Price } = {}
): ScriptedTeacher => {
  const calls = new Map<string, number>()
  const times: Array<number> = []
  const generate = (request: TeacherRequest) =>
    Effect.gen(function*() {
      const attempt = (calls.get(request.prompt) ?? 0) + 1
      calls.set(request.prompt, attempt)
      times.push(yield* Effect.clockWith((clock) => Effect.succeed(clock.currentTimeMillisUnsafe())))
      const step = script(request.prompt, attempt)
      if (step.kind === "hang") return yield* Effect.never
      if (step.kind === "fail") {
        return yield* new TeacherError({
          reason: step.reason,
          message: `scripted ${step.reason}`,
          ...(step.retryAfterMs !== undefined ? { retryAfterMs: step.retryAfterMs } : {})
        })
      }
      return {
        text: `answer to ${request.prompt}`,
        usage: step.usage ?? { inputTokens: 10, outputTokens: 20 },
        finishReason: "stop"
      } satisfies Completion
    })
  return {
    calls,
    times,
    service: {
      provider: "scripted",
      model: "scripted-1",
      rateKey: options.rateKey ?? "scripted|local|0",
      ...(options.price !== undefined ? { price: options.price } : {}),
      generate
    }
  }
}

/** A request for `prompt` with small sampling settings. */
export const requestFor = (prompt: string, maxTokens = 100): TeacherRequest => ({
  prompt,
  sampling: { temperature: 0, maxTokens },
  sampleIndex: 0
})
