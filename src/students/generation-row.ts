// One prompt's generation state: its tokens, the stop conditions, and the final result.
import { loopPeriod, type LoopOptions } from "./loop-detector.ts"
import { pickToken, type SamplingOptions } from "./sampling.ts"
import type { StopMatcher } from "./stop-strings.ts"
import { BOS, decode, EOS, PAD } from "./tokenizer.ts"

/** Why a generation ended. */
export type StopReason = "eos" | "stop" | "max_tokens" | "loop"

/** The result for one prompt. */
export interface Generation {
  /** Generated text, without EOS and cut before a matched stop string. */
  readonly text: string
  /** Number of tokens the model produced (including EOS and stop-string tokens). */
  readonly tokens: number
  readonly stopReason: StopReason
}

/** What every row of a run shares. */
export interface RowSettings {
  readonly maxNewTokens: number
  readonly sampling: SamplingOptions
  readonly stops: StopMatcher
  /** null disables the loop detector. */
  readonly loop: LoopOptions | null
  readonly vocab: number
}

const BANNED = [BOS, PAD]

/** Mutable state of one prompt while it is being decoded. */
export interface GenerationRow {
  readonly index: number
  readonly prompt: ReadonlyArray<number>
  readonly generated: number[]
  readonly random: () => number
  reason: StopReason | null
  stopAt: number
}

/** A fresh row for prompt `index` with ids `prompt` (BOS included). */
export const makeRow = (index: number, prompt: ReadonlyArray<number>, random: () => number): GenerationRow =>
  ({ index, prompt, generated: [], random, reason: null, stopAt: -1 })

/** Picks the next token from `logits` at `offset`, appends it, and records a stop reason when one applies. */
export const advanceRow = (row: GenerationRow, logits: Float32Array, offset: number, settings: RowSettings): void => {
  const token = pickToken(logits, offset, settings.vocab, settings.sampling, row.random, BANNED)
  row.generated.push(token)
  if (token === EOS) {
    row.reason = "eos"
    return
  }
  const stopAt = settings.stops.match(row.generated)
  if (stopAt >= 0) {
    row.reason = "stop"
    row.stopAt = stopAt
  } else if (settings.loop !== null && loopPeriod(row.generated, settings.loop) > 0) {
    row.reason = "loop"
  } else if (row.generated.length >= settings.maxNewTokens) {
    row.reason = "max_tokens"
  }
}

/** The final result of a finished row. */
export const rowResult = (row: GenerationRow): Generation => {
  const kept = row.reason === "stop" ? row.generated.slice(0, row.stopAt) : row.generated
  return { text: decode(kept), tokens: row.generated.length, stopReason: row.reason ?? "max_tokens" }
}
