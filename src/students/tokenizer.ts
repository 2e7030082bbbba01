// Byte-level tokenizer shared with the Python trainer: ids 0-255 are UTF-8 bytes, then BOS, EOS and PAD.

/** Beginning-of-sequence id. */
export const BOS = 256
/** End-of-sequence id. */
export const EOS = 257
/** Padding id (never predicted). */
export const PAD = 258
/** Vocabulary size. */
export const VOCAB_SIZE = 259

const encoder = new TextEncoder()

/** UTF-8 bytes of `text` as token ids (no special tokens). */
export const encode = (text: string): number[] => Array.from(encoder.encode(text))

/** Byte values of the non-special ids in `ids`. */
export const toBytes = (ids: ReadonlyArray<number>): Uint8Array =>
  Uint8Array.from(ids.filter((id) => id >= 0 && id < 256))

/** Text of `ids`: special ids are skipped; invalid or truncated UTF-8 becomes U+FFFD (never throws). */
export const decode = (ids: ReadonlyArray<number>): string =>
  new TextDecoder("utf-8", { fatal: false }).decode(toBytes(ids))

/** The ids of a training/inference prompt: BOS followed by the prompt bytes. */
export const encodePrompt = (prompt: string): number[] => [BOS, ...encode(prompt)]
