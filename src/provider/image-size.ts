// Width and height of PNG, JPEG, GIF and WebP images read from their headers (no decoding), for token estimates.
import * as fs from "node:fs"

/** Pixel dimensions of an image. */
export interface ImageDims {
  readonly width: number
  readonly height: number
}

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8)
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n))

/** JPEG start-of-frame markers (baseline, progressive, lossless, ...), which carry the frame size. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])

const jpegDims = (b: Uint8Array): ImageDims | undefined => {
  let i = 2
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined
    const marker = b[i + 1]!
    if (marker === 0xff) { i += 1; continue }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { i += 2; continue }
    if (SOF.has(marker)) return { height: u16be(b, i + 5), width: u16be(b, i + 7) }
    i += 2 + u16be(b, i + 2)
  }
  return undefined
}

const webpDims = (b: Uint8Array): ImageDims | undefined => {
  const chunk = ascii(b, 12, 4)
  if (chunk === "VP8X") return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 }
  if (chunk === "VP8 ") return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff }
  if (chunk === "VP8L") {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 }
  }
  return undefined
}

/** Dimensions from the first bytes of an image file, or undefined for an unknown or truncated format. */
export const imageDimsOf = (b: Uint8Array): ImageDims | undefined => {
  if (b.length >= 24 && u32be(b, 0) === 0x89504e47 && ascii(b, 12, 4) === "IHDR") return { width: u32be(b, 16), height: u32be(b, 20) }
  if (b.length >= 10 && ascii(b, 0, 3) === "GIF") return { width: u16le(b, 6), height: u16le(b, 8) }
  if (b.length >= 30 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return webpDims(b)
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return jpegDims(b)
  return undefined
}

/** Bytes read from the start of a file: enough for the JPEG frame header after large EXIF blocks. */
const HEAD_BYTES = 256 * 1024

/** Dimensions of the image file at `file`, or undefined when it cannot be read or parsed. */
export const readImageDims = (file: string): ImageDims | undefined => {
  let fd: number | undefined
  try {
    fd = fs.openSync(file, "r")
    const buffer = Buffer.alloc(HEAD_BYTES)
    const n = fs.readSync(fd, buffer, 0, HEAD_BYTES, 0)
    return imageDimsOf(buffer.subarray(0, n))
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}

/** How many images a plan estimate measures per dataset. */
export const IMAGE_SAMPLE = 64

/** Dimensions of up to `max` of `files`, spread evenly over the list; unreadable files are left out. */
export const sampleImageDims = (files: ReadonlyArray<string>, max = IMAGE_SAMPLE): ReadonlyArray<ImageDims> => {
  const step = Math.max(1, files.length / max)
  const out: ImageDims[] = []
  for (let i = 0; i < files.length && out.length < max; i += step) {
    const dims = readImageDims(files[Math.floor(i)]!)
    if (dims !== undefined) out.push(dims)
  }
  return out
}
