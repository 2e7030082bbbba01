// Minimal Parquet writer for tests: required UTF-8 string and INT64 columns, one row group, PLAIN pages.
import { gzipSync, zstdCompressSync } from "node:zlib"

/** A column of the test file. */
export type TestColumn =
  | { readonly name: string; readonly type: "string"; readonly values: ReadonlyArray<string> }
  | { readonly name: string; readonly type: "int64"; readonly values: ReadonlyArray<number> }

/** Page compression to apply. */
export type TestCodec = "UNCOMPRESSED" | "GZIP" | "ZSTD"

const CODEC_ID: Record<TestCodec, number> = { UNCOMPRESSED: 0, GZIP: 2, ZSTD: 6 }

// Thrift compact protocol encoding of the handful of parquet structures needed.
type Field =
  | { readonly id: number; readonly t: "i32" | "i64"; readonly v: number }
  | { readonly id: number; readonly t: "bin"; readonly v: Uint8Array | string }
  | { readonly id: number; readonly t: "struct"; readonly v: ReadonlyArray<Field> }
  | { readonly id: number; readonly t: "list-i32"; readonly v: ReadonlyArray<number> }
  | { readonly id: number; readonly t: "list-bin"; readonly v: ReadonlyArray<string> }
  | { readonly id: number; readonly t: "list-struct"; readonly v: ReadonlyArray<ReadonlyArray<Field>> }

const varint = (n: bigint): Array<number> => {
  const out: Array<number> = []
  let x = n
  while (x >= 0x80n) { out.push(Number(x & 0x7fn) | 0x80); x >>= 7n }
  out.push(Number(x))
  return out
}
const zigzag = (n: number): Array<number> => { const b = BigInt(n); return varint(b >= 0n ? b << 1n : ((-b) << 1n) - 1n) }
const bin = (v: Uint8Array | string): Array<number> => {
  const bytes = typeof v === "string" ? new TextEncoder().encode(v) : v
  return [...varint(BigInt(bytes.length)), ...bytes]
}
const TYPE = { i32: 5, i64: 6, bin: 8, list: 9, struct: 12 } as const
const listHeader = (size: number, elem: number): Array<number> =>
  size < 15 ? [(size << 4) | elem] : [0xf0 | elem, ...varint(BigInt(size))]

const struct = (fields: ReadonlyArray<Field>): Array<number> => {
  const out: Array<number> = []
  let last = 0
  for (const f of fields) {
    const wire = f.t === "i32" ? TYPE.i32 : f.t === "i64" ? TYPE.i64 : f.t === "bin" ? TYPE.bin : f.t === "struct" ? TYPE.struct : TYPE.list
    out.push(((f.id - last) << 4) | wire)
    last = f.id
    switch (f.t) {
      case "i32": case "i64": out.push(...zigzag(f.v)); break
      case "bin": out.push(...bin(f.v)); break
      case "struct": out.push(...struct(f.v)); break
      case "list-i32": out.push(...listHeader(f.v.length, TYPE.i32), ...f.v.flatMap(zigzag)); break
      case "list-bin": out.push(...listHeader(f.v.length, TYPE.bin), ...f.v.flatMap((s) => bin(s))); break
      case "list-struct": out.push(...listHeader(f.v.length, TYPE.struct), ...f.v.flatMap(struct)); break
    }
  }
  out.push(0)
  return out
}

const plain = (col: TestColumn): Uint8Array => {
  if (col.type === "int64") {
    const buf = Buffer.alloc(8 * col.values.length)
    col.values.forEach((v, i) => buf.writeBigInt64LE(BigInt(v), i * 8))
    return buf
  }
  return Buffer.concat(col.values.map((s) => {
    const bytes = Buffer.from(s, "utf8")
    const len = Buffer.alloc(4)
    len.writeUInt32LE(bytes.length)
    return Buffer.concat([len, bytes])
  }))
}

const compress = (data: Uint8Array, codec: TestCodec): Uint8Array =>
  codec === "GZIP" ? gzipSync(data) : codec === "ZSTD" ? zstdCompressSync(data) : data

/** Encodes columns of equal length as a Parquet file (magic, one data page per column, footer). */
export const writeParquet = (columns: ReadonlyArray<TestColumn>, codec: TestCodec = "UNCOMPRESSED"): Uint8Array => {
  const rows = columns[0]?.values.length ?? 0
  const chunks: Array<Uint8Array> = [Buffer.from("PAR1")]
  let offset = 4
  const columnChunks: Array<ReadonlyArray<Field>> = []
  for (const col of columns) {
    const raw = plain(col)
    const body = compress(raw, codec)
    const header = Uint8Array.from(struct([
      { id: 1, t: "i32", v: 0 },
      { id: 2, t: "i32", v: raw.length },
      { id: 3, t: "i32", v: body.length },
      { id: 5, t: "struct", v: [{ id: 1, t: "i32", v: rows }, { id: 2, t: "i32", v: 0 }, { id: 3, t: "i32", v: 3 }, { id: 4, t: "i32", v: 3 }] }
    ]))
    const pageOffset = offset
    chunks.push(header, body)
    offset += header.length + body.length
    columnChunks.push([
      { id: 2, t: "i64", v: pageOffset },
      { id: 3, t: "struct", v: [
        { id: 1, t: "i32", v: col.type === "int64" ? 2 : 6 },
        { id: 2, t: "list-i32", v: [0] },
        { id: 3, t: "list-bin", v: [col.name] },
        { id: 4, t: "i32", v: CODEC_ID[codec] },
        { id: 5, t: "i64", v: rows },
        { id: 6, t: "i64", v: header.length + raw.length },
        { id: 7, t: "i64", v: header.length + body.length },
        { id: 9, t: "i64", v: pageOffset }
      ] }
    ])
  }
  const schema: Array<ReadonlyArray<Field>> = [
    [{ id: 4, t: "bin", v: "schema" }, { id: 5, t: "i32", v: columns.length }],
    ...columns.map((c): ReadonlyArray<Field> => [
      { id: 1, t: "i32", v: c.type === "int64" ? 2 : 6 },
      { id: 3, t: "i32", v: 0 },
      { id: 4, t: "bin", v: c.name },
      ...(c.type === "string" ? [{ id: 6, t: "i32" as const, v: 0 }] : [])
    ])
  ]
  const footer = Uint8Array.from(struct([
    { id: 1, t: "i32", v: 1 },
    { id: 2, t: "list-struct", v: schema },
    { id: 3, t: "i64", v: rows },
    { id: 4, t: "list-struct", v: [[
      { id: 1, t: "list-struct", v: columnChunks },
      { id: 2, t: "i64", v: offset - 4 },
      { id: 3, t: "i64", v: rows }
    ]] }
  ]))
  const len = Buffer.alloc(4)
  len.writeUInt32LE(footer.length)
  chunks.push(footer, len, Buffer.from("PAR1"))
  return Buffer.concat(chunks)
}
