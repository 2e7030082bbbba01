// Teacher plugins: one model call per request; retries, rate limits and caching belong to the engine.
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import type * as Effect from "effect/Effect"
import type { Plugin } from "./define.ts"
import type { ImageRef, Row } from "./dataset.ts"

/** Sampling parameters; part of the raw-response cache key. */
export interface Sampling {
  readonly temperature: number
  readonly maxTokens: number
  readonly stop?: ReadonlyArray<string>
  readonly topP?: number
}

/** One call to a teacher. */
export interface TeacherRequest {
  readonly system?: string
  readonly prompt: string
  readonly images?: ReadonlyArray<ImageRef>
  readonly sampling: Sampling
  /** Which of the n samples for this prompt (0-based); seeds deterministic teachers. */
  readonly sampleIndex: number
  /** The source row (procedural teachers read its structured `meta`). */
  readonly row?: Row
}

/** Token usage reported by the provider (or counted, for local teachers). */
export interface Usage {
  readonly inputTokens: number
  readonly outputTokens: number
  readonly thinkingTokens?: number
}

/** A teacher's answer; `thoughts` holds separately returned reasoning (thinking blocks, reasoning_content). */
export interface Completion {
  readonly text: string
  readonly thoughts?: string
  readonly usage: Usage
  readonly finishReason: string
  /** The provider's model id as answered (snapshot), when it says. */
  readonly model?: string
  /** The raw response body, stored permanently. */
  readonly raw?: unknown
}

/**
 * A failed call. `reason` drives the engine's retry policy:
 * rate-limited, server and timeout are retried with backoff (honouring `retryAfterMs`);
 * quota pauses the node; auth (the provider refused the API key) stops every call on the key at the
 * first such answer; client and malformed are not retried.
 */
export class TeacherError extends Data.TaggedError("TeacherError")<{
  readonly reason: "rate-limited" | "server" | "timeout" | "network" | "quota" | "auth" | "client" | "malformed"
  readonly message: string
  readonly status?: number
  readonly retryAfterMs?: number
}> {}

/** Price per million tokens, in USD. */
export interface Price {
  readonly inputPerM: number
  readonly outputPerM: number
}

/** The service a teacher plugin provides. */
export interface TeacherService {
  /** Provider and model; part of the raw-response cache key. */
  readonly provider: string
  readonly model: string
  /** Requests sharing a key share rate limits (e.g. provider + hash of the API key). Never the key itself. */
  readonly rateKey: string
  /** Default price when the spec gives none. */
  readonly price?: Price
  readonly generate: (request: TeacherRequest) => Effect.Effect<Completion, TeacherError>
  /**
   * Optional: `generate` that ends the call within `timeoutMs` with a `timeout` TeacherError by itself (its client's
   * own request timeout). The engine then hands the call policy's per-attempt limit to it instead of racing a timer
   * against `generate`, which costs two fibers per attempt.
   */
  readonly generateWithin?: (request: TeacherRequest, timeoutMs: number) => Effect.Effect<Completion, TeacherError>
}

export class Teacher extends Context.Service<Teacher, TeacherService>()("distill/Teacher") {}

/** A teacher plugin. */
export type TeacherPlugin<Config = any> = Plugin<"teacher", Config, Teacher, TeacherError>

/** Defines a teacher plugin. */
export const defineTeacher = <Config>(p: Omit<TeacherPlugin<Config>, "kind">): TeacherPlugin<Config> =>
  ({ kind: "teacher", ...p })
