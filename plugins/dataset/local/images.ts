// Turns an image field (a path, or embedded bytes as in Hugging Face parquet) into an ImageRef on disk.
import { createHash } from "node:crypto"
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import type { ImageRef } from "../../../src/plugins/index.ts"

const BY_EXTENSION: Readonly<Record<string, string>> = {
  ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
  ".bmp": "image/bmp", ".svg": "image/svg+xml", ".tif": "image/tiff", ".tiff": "image/tiff"
}

/** The media type implied by a file name's extension (`application/octet-stream` when unknown). */
export const mediaTypeFromPath = (file: string): string =>
  BY_EXTENSION[path.extname(file).toLowerCase()] ?? "application/octet-stream"

/** The media type read from the first bytes of an image, or null when unrecognised. */
export const mediaTypeFromBytes = (bytes: Uint8Array): string | null => {
  const starts = (...sig: Array<number>) => sig.every((b, i) => bytes[i] === b)
  if (starts(0x89, 0x50, 0x4e, 0x47)) return "image/png"
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg"
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif"
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45) return "image/webp"
  if (starts(0x42, 0x4d)) return "image/bmp"
  return null
}

const EXTENSION_OF: Readonly<Record<string, string>> = {
  "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp", "image/bmp": ".bmp"
}

/** A path to an image file: relative paths resolve against `baseDir`. */
export const imageFromPath = (file: string, baseDir: string): ImageRef => {
  const resolved = path.resolve(baseDir, file)
  return { path: resolved, mediaType: mediaTypeFromPath(resolved) }
}

/**
 * Writes embedded image bytes once to `dir/<sha256><ext>` (content-addressed, so repeated loads reuse the file)
 * and returns a reference to it. Throws only on file system errors; callers wrap it.
 */
export const imageFromBytes = (bytes: Uint8Array, nameHint: string | undefined, dir: string): ImageRef => {
  const mediaType = mediaTypeFromBytes(bytes) ?? (nameHint === undefined ? "application/octet-stream" : mediaTypeFromPath(nameHint))
  const ext = EXTENSION_OF[mediaType] ?? (nameHint === undefined ? ".bin" : path.extname(nameHint) || ".bin")
  const file = path.join(dir, `${createHash("sha256").update(bytes).digest("hex")}${ext}`)
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, bytes)
    renameSync(tmp, file)
  }
  return { path: file, mediaType }
}

/** Where images come from: relative paths resolve against `baseDir`, embedded bytes are written to `bytesDir`. */
export interface ImageSources {
  readonly baseDir: string
  readonly bytesDir: string
}

/**
 * An ImageRef from a field value: a path string, or an object `{ bytes?, path? }` (the Hugging Face `Image`
 * feature). Returns null for null/absent values and a message string for values that are not images.
 */
export const imageFromValue = (value: unknown, sources: ImageSources): ImageRef | null | string => {
  if (value === null || value === undefined || value === "") return null
  if (typeof value === "string") return imageFromPath(value, sources.baseDir)
  if (value instanceof Uint8Array) return imageFromBytes(value, undefined, sources.bytesDir)
  if (typeof value === "object") {
    const o = value as Record<string, unknown>
    const name = typeof o["path"] === "string" && o["path"] !== "" ? o["path"] : undefined
    if (o["bytes"] instanceof Uint8Array && o["bytes"].length > 0) return imageFromBytes(o["bytes"], name, sources.bytesDir)
    if (name !== undefined) return imageFromPath(name, sources.baseDir)
  }
  return "image field is neither a path nor an object with bytes or path"
}
