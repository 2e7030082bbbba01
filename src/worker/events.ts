// The JSON lines a decode or sample worker prints on stdout, which the coordinator follows.
import type { StopReason } from "../students/generation-row.ts"

/**
 * One worker event. Counts are of the job's items: `done` includes items an earlier attempt already logged.
 * `done` (the event) is the last line of a successful job.
 */
export type WorkerEvent =
  | { readonly event: "start"; readonly kind: "decode" | "sample"; readonly total: number; readonly done: number; readonly params: number; readonly format: string; readonly threads: number | null; readonly pid: number }
  | { readonly event: "progress"; readonly done: number; readonly total: number }
  | { readonly event: "done"; readonly done: number; readonly total: number }
  | { readonly event: "error"; readonly message: string }

/** One decoded answer of a decode node. */
export interface AnswerRecord {
  readonly sampleId: string
  readonly text: string
  readonly outputTokens: number
  readonly stopReason: StopReason
}

/** One sample of a sample node before the coordinator judges it. */
export interface RawSample {
  readonly problemId: string
  readonly sampleIndex: number
  readonly prompt: string
  readonly text: string
  readonly outputTokens: number
  readonly stopReason: StopReason
}
