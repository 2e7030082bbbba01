// Detects degenerate repetition: a generated tail that is periodic (the same span repeated back to back).

/** Thresholds of the loop detector. */
export interface LoopOptions {
  /** Shortest repeated n-gram that counts (shorter periods must still cover an n-gram of this length). */
  readonly minNgram: number
  /** How many back-to-back occurrences of the repeated span make a loop. */
  readonly repeats: number
  /** The periodic tail must cover at least this many tokens. */
  readonly minSpan: number
  /** Longest period examined. */
  readonly maxPeriod: number
}

/** Defaults: an 8+-token n-gram seen 3 times in a row over at least 32 tokens (e.g. a 20-byte line repeated 3 times). */
export const DEFAULT_LOOP_OPTIONS: LoopOptions = { minNgram: 8, repeats: 3, minSpan: 32, maxPeriod: 256 }

/**
 * The period of a loop at the end of `tokens`, or 0. For period p the last
 * max(minSpan, max(minNgram, p) + (repeats - 1) * p) tokens must satisfy t[i] = t[i - p].
 */
export const loopPeriod = (tokens: ReadonlyArray<number>, options: LoopOptions = DEFAULT_LOOP_OPTIONS): number => {
  const n = tokens.length
  for (let p = 1; p <= options.maxPeriod; p++) {
    const span = Math.max(options.minSpan, Math.max(options.minNgram, p) + (options.repeats - 1) * p)
    if (span > n) break
    let periodic = true
    for (let i = n - 1; i >= n - span + p && periodic; i--) periodic = tokens[i] === tokens[i - p]
    if (periodic) return p
  }
  return 0
}
