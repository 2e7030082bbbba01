// Small files the provider tests send: a real 1x1 PNG written to a temporary directory.
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** A valid 1x1 transparent PNG. */
export const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64"
)

/** Writes the PNG into a fresh temporary directory and returns its path. */
export const writePng = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "teacher-image-"))
  const path = join(dir, "pixel.png")
  writeFileSync(path, PNG_1X1)
  return path
}
