// Loading a request's image files as base64 for providers that take inline image bytes.
import { readFile } from "node:fs/promises"
import { isAbsolute, resolve } from "node:path"
import * as Effect from "effect/Effect"
import { type ImageRef, TeacherError } from "../plugins/index.ts"

/** An image file read into memory. */
export interface InlineImage {
  readonly mediaType: string
  readonly base64: string
}

/** Reads every image (relative paths resolve against `baseDir`); a missing file is a `client` error. */
export const loadImages = (
  images: ReadonlyArray<ImageRef> | undefined,
  baseDir: string
): Effect.Effect<ReadonlyArray<InlineImage>, TeacherError> =>
  Effect.forEach(images ?? [], (image) => {
    const path = isAbsolute(image.path) ? image.path : resolve(baseDir, image.path)
    return Effect.tryPromise({
      try: () => readFile(path),
      catch: (cause) => new TeacherError({
        reason: "client",
        message: `cannot read image ${path}: ${cause instanceof Error ? cause.message : String(cause)}`
      })
    }).pipe(Effect.map((bytes) => ({ mediaType: image.mediaType, base64: bytes.toString("base64") })))
  })
