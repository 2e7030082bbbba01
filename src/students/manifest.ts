// The student.json manifest written next to model.onnx by the trainer, and reading it.
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import * as Effect from "effect/Effect"
import { StudentError } from "./errors.ts"

/** Architecture of an exported student. */
export interface StudentDims {
  readonly d_model: number
  readonly n_layers: number
  readonly n_heads: number
  readonly head_dim: number
  readonly d_ff: number
  readonly max_len: number
  readonly vocab_size: number
}

/** Contents of `student.json`. The cache is one key and one value buffer [batch, n_heads, slots, head_dim] per layer (see README). */
export interface StudentManifest {
  readonly family: string
  readonly size: string
  readonly method: string
  readonly params: number
  readonly tokenizer: { readonly type: "byte"; readonly vocab_size: number; readonly bos: number; readonly eos: number; readonly pad: number }
  readonly dims: StudentDims
  readonly positions: string
  readonly onnx: {
    readonly file: string
    readonly opset: number
    readonly inputs: ReadonlyArray<string>
    readonly outputs: ReadonlyArray<string>
    readonly cache_layout: string
  }
}

const isManifest = (value: unknown): value is StudentManifest => {
  const m = value as Partial<StudentManifest> | null
  return typeof m === "object" && m !== null && m.tokenizer?.type === "byte" && typeof m.dims?.n_layers === "number" &&
    typeof m.dims?.head_dim === "number" && typeof m.onnx?.file === "string"
}

/** Reads and checks `<dir>/student.json`. */
export const readManifest = (dir: string): Effect.Effect<StudentManifest, StudentError> =>
  Effect.tryPromise({
    try: async () => JSON.parse(await readFile(join(dir, "student.json"), "utf8")) as unknown,
    catch: (e) => new StudentError({ reason: "bad-manifest", message: `cannot read ${join(dir, "student.json")}: ${String(e)}` })
  }).pipe(Effect.flatMap((value) => isManifest(value)
    ? Effect.succeed(value)
    : Effect.fail(new StudentError({ reason: "bad-manifest", message: `${join(dir, "student.json")} is not a byte-level student manifest` }))))
