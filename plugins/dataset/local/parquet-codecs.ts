// Parquet page decompressors beyond hyparquet's built-in snappy, backed by node:zlib.
import { brotliDecompressSync, gunzipSync, zstdDecompressSync } from "node:zlib"
import type { Compressors } from "hyparquet"

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)

/** GZIP, BROTLI and ZSTD page codecs (snappy and uncompressed pages are handled by hyparquet itself). */
export const parquetCodecs: Compressors = {
  GZIP: (input) => bytes(gunzipSync(input)),
  BROTLI: (input) => bytes(brotliDecompressSync(input)),
  ZSTD: (input) => bytes(zstdDecompressSync(input))
}
