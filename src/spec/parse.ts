// Parses one YAML spec file into a located tree: syntax errors, duplicate keys and a non-mapping top level are diagnostics.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from "yaml"
import type { Diagnostic } from "./diagnostic.ts"
import { childPointer } from "./pointer.ts"
import type { Entry, MapNode, Node, Position } from "./tree.ts"

/** A parsed file: its top-level mapping, or why there is none. */
export type ParseResult =
  | { readonly ok: true; readonly root: MapNode }
  | { readonly ok: false; readonly diagnostics: ReadonlyArray<Diagnostic> }

interface Ctx {
  readonly file: string
  readonly lines: LineCounter
  readonly doc: Document.Parsed
  readonly diagnostics: Array<Diagnostic>
  readonly resolving: Set<unknown>
}

const at = (ctx: Ctx, offset: number | undefined): Position => {
  const { line, col } = ctx.lines.linePos(offset ?? 0)
  return { file: ctx.file, line, col }
}

const fail = (ctx: Ctx, pos: Position, pointer: string, message: string): void => {
  ctx.diagnostics.push({ file: pos.file, line: pos.line, col: pos.col, pointer, message })
}

const convert = (ctx: Ctx, raw: unknown, pointer: string, fallback: Position): Node => {
  if (isAlias(raw)) {
    const target = raw.resolve(ctx.doc)
    if (target === undefined || ctx.resolving.has(target)) {
      fail(ctx, at(ctx, raw.range?.[0]), pointer, `alias *${raw.source} cannot be resolved`)
      return { kind: "scalar", value: null, pos: at(ctx, raw.range?.[0]) }
    }
    ctx.resolving.add(target)
    const node = convert(ctx, target, pointer, at(ctx, raw.range?.[0]))
    ctx.resolving.delete(target)
    return { ...node, pos: at(ctx, raw.range?.[0]) }
  }
  if (isMap(raw)) return convertMap(ctx, raw, pointer)
  if (isSeq(raw)) {
    return {
      kind: "seq", pos: at(ctx, raw.range?.[0]),
      items: raw.items.map((item, i) => convert(ctx, item, childPointer(pointer, i), at(ctx, raw.range?.[0])))
    }
  }
  if (isScalar(raw)) {
    if (raw.value === null && raw.source === "") return { kind: "scalar", value: null, pos: fallback }
    const v = raw.value
    const value = typeof v === "bigint" ? Number(v) : v instanceof Date ? v.toISOString() : v
    return { kind: "scalar", value: value as string | number | boolean | null, pos: at(ctx, raw.range?.[0]) }
  }
  return { kind: "scalar", value: null, pos: fallback }
}

/** `<<: *anchor` merges the anchored mapping(s) under the explicit keys. */
const mergeSources = (value: unknown): ReadonlyArray<unknown> =>
  isSeq(value) ? value.items : [value]

const convertMap = (ctx: Ctx, raw: { items: ReadonlyArray<unknown>; range?: readonly [number, number, number] | null | undefined }, pointer: string): MapNode => {
  const entries = new Map<string, Entry>()
  const merged = new Map<string, Entry>()
  for (const item of raw.items) {
    const pair = item as { key: unknown; value: unknown }
    const keyNode = pair.key
    const keyPos = at(ctx, isScalar(keyNode) ? keyNode.range?.[0] : (keyNode as { range?: [number] } | null)?.range?.[0])
    if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === "object") {
      fail(ctx, keyPos, pointer, "keys must be plain names")
      continue
    }
    const key = String(keyNode.value)
    if (key === "<<" && keyNode.source === "<<") {
      for (const source of mergeSources(pair.value)) {
        const node = convert(ctx, source, pointer, keyPos)
        if (node.kind !== "map") fail(ctx, keyPos, pointer, "a '<<' merge key needs a mapping or a list of mappings")
        else for (const [k, e] of node.entries) if (!merged.has(k)) merged.set(k, e)
      }
      continue
    }
    const first = entries.get(key)
    if (first !== undefined) {
      fail(ctx, keyPos, childPointer(pointer, key), `duplicate key '${key}' (first defined at line ${first.keyPos.line})`)
      continue
    }
    entries.set(key, { keyPos, value: convert(ctx, pair.value, childPointer(pointer, key), keyPos) })
  }
  for (const [k, e] of merged) if (!entries.has(k)) entries.set(k, e)
  return { kind: "map", entries, pos: at(ctx, raw.range?.[0]) }
}

/** The first syntax error only: later ones are mostly consequences of it. */
const syntaxMessage = (message: string): string => `YAML syntax error: ${message.charAt(0).toLowerCase()}${message.slice(1)}`

/** Parses spec text; `file` is recorded in every position. */
export const parseSpecText = (file: string, text: string): ParseResult => {
  const lines = new LineCounter()
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false })
  const pos = (offset: number): Position => ({ file, ...lines.linePos(offset) })
  const located = (offset: number, message: string): Diagnostic => ({ ...pos(offset), pointer: "", message })
  if (!Array.isArray(docs) || docs.length === 0) {
    return { ok: false, diagnostics: [located(0, "the file is empty; expected a mapping of experiment keys")] }
  }
  const syntax = docs.flatMap((d) => d.errors)[0]
  if (syntax !== undefined) return { ok: false, diagnostics: [located(syntax.pos[0], syntaxMessage(syntax.message))] }
  if (docs.length > 1) {
    return { ok: false, diagnostics: [located(docs[1]!.range[0], `the file holds ${docs.length} YAML documents; a spec is one document (remove '---')`)] }
  }
  const doc = docs[0]!
  if (doc.contents === null) {
    return { ok: false, diagnostics: [located(0, "the file is empty; expected a mapping of experiment keys")] }
  }
  const ctx: Ctx = { file, lines, doc, diagnostics: [], resolving: new Set() }
  const root = convert(ctx, doc.contents, "", pos(0))
  if (ctx.diagnostics.length > 0) return { ok: false, diagnostics: ctx.diagnostics }
  if (root.kind !== "map") {
    const got = root.kind === "seq" ? "a list" : `a ${root.value === null ? "null" : typeof root.value} value`
    return { ok: false, diagnostics: [{ ...root.pos, pointer: "", message: `the top level must be a mapping of experiment keys (got ${got})` }] }
  }
  return { ok: true, root }
}
