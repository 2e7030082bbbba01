// Tests for image field handling: media types, paths and embedded bytes written once to the cache.
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { imageFromValue, mediaTypeFromBytes, mediaTypeFromPath } from "../../../../plugins/dataset/local/images.ts"

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 9, 9])

describe("images", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "img-"))
  const sources = { baseDir: "/data/set", bytesDir: path.join(dir, "images") }

  it("derives media types from extensions and magic bytes", () => {
    expect(mediaTypeFromPath("a/b.JPG")).toBe("image/jpeg")
    expect(mediaTypeFromPath("a/b.webp")).toBe("image/webp")
    expect(mediaTypeFromPath("a/b.xyz")).toBe("application/octet-stream")
    expect(mediaTypeFromBytes(PNG)).toBe("image/png")
    expect(mediaTypeFromBytes(JPEG)).toBe("image/jpeg")
    expect(mediaTypeFromBytes(Uint8Array.from([1, 2, 3]))).toBeNull()
  })

  it("resolves path strings and {path} objects against the base folder", () => {
    expect(imageFromValue("png/1.png", sources)).toEqual({ path: "/data/set/png/1.png", mediaType: "image/png" })
    expect(imageFromValue({ bytes: null, path: "x.gif" }, sources)).toEqual({ path: "/data/set/x.gif", mediaType: "image/gif" })
    expect(imageFromValue(null, sources)).toBeNull()
    expect(typeof imageFromValue(42, sources)).toBe("string")
  })

  it("writes embedded bytes once, content-addressed, and never inlines them", () => {
    const ref = imageFromValue({ bytes: PNG, path: "chart.jpg" }, sources)
    expect(ref).toMatchObject({ mediaType: "image/png" })
    const file = (ref as { path: string }).path
    expect(file.startsWith(sources.bytesDir) && file.endsWith(".png")).toBe(true)
    expect(Uint8Array.from(readFileSync(file))).toEqual(PNG)
    const mtime = statSync(file).mtimeMs
    expect(imageFromValue({ bytes: PNG }, sources)).toEqual(ref)
    expect(statSync(file).mtimeMs).toBe(mtime)
    const jpeg = imageFromValue(JPEG, sources) as { path: string }
    expect(existsSync(jpeg.path) && jpeg.path.endsWith(".jpg")).toBe(true)
  })
})
