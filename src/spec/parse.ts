// Parses one YAML spec file into a located tree: syntax errors, duplicate keys, unknown tags, a non-mapping top level and exceeded limits are diagnostics.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from "yaml"
import type { Diagnostic } from "./diagnostic.ts"
import { type LimitUsage, startUsage } from "./limits.ts"
import { scanYaml } from "./yaml-scan.ts"
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
  readonly usage: LimitUsage
  readonly text: string
  /** Alias expansions the conversion is inside of. */
  aliasDepth: number
  /** Where the outermost alias being expanded is written. */
  aliasAt: Position | undefined
  /** Set once a limit is exceeded: the rest of the file is not converted. */
  stopped: boolean
}

/** The core schema's tags; anything else (`!foo`, `!!binary`, `!!set`) is refused rather than read as text. */
const KNOWN_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`))

/** Diagnostics kept per file: past this, the rest are mostly the same mistake repeated. */
const MAX_DIAGNOSTICS = 50

const NULL_AT = (pos: Position): Node => ({ kind: "scalar", value: null, pos })

const at = (ctx: Ctx, offset: number | undefined): Position => {
  const { line, col } = ctx.lines.linePos(offset ?? 0)
  return { file: ctx.file, line, col }
}

const fail = (ctx: Ctx, pos: Position, pointer: string, message: string): void => {
  ctx.diagnostics.push({ file: pos.file, line: pos.line, col: pos.col, pointer, message })
}

/** Counts one value against the node and alias budgets; false (and the conversion stops) once one is exceeded. */
const spend = (ctx: Ctx, pos: Position, pointer: string): boolean => {
  const { usage } = ctx
  if (++usage.nodes > usage.limits.nodes) {
    fail(ctx, pos, pointer, `the spec is too large: more than ${usage.limits.nodes} values over it and its includes`)
    ctx.stopped = true
  } else if (ctx.aliasDepth > 0 && ++usage.aliasNodes > usage.limits.aliasNodes) {
    fail(ctx, ctx.aliasAt ?? pos, pointer, `aliases expand to more than ${usage.limits.aliasNodes} values (nested '*' references multiply); write the values out or share them with include:`)
    ctx.stopped = true
  }
  return !ctx.stopped
}

const convert = (ctx: Ctx, raw: unknown, pointer: string, fallback: Position, depth = 0): Node => {
  if (ctx.stopped) return NULL_AT(fallback)
  if (isAlias(raw)) {
    const pos = at(ctx, raw.range?.[0])
    const target = raw.resolve(ctx.doc)
    if (target === undefined || ctx.resolving.has(target)) {
      fail(ctx, pos, pointer, `alias *${raw.source} cannot be resolved`)
      return NULL_AT(pos)
    }
    ctx.resolving.add(target)
    if (ctx.aliasDepth++ === 0) ctx.aliasAt = pos
    const node = convert(ctx, target, pointer, pos, depth)
    if (--ctx.aliasDepth === 0) ctx.aliasAt = undefined
    ctx.resolving.delete(target)
    return { ...node, pos }
  }
  const pos = at(ctx, (raw as { range?: [number] } | null)?.range?.[0] ?? undefined)
  if (!spend(ctx, pos, pointer)) return NULL_AT(pos)
  const tag = (raw as { tag?: unknown } | null)?.tag
  if (typeof tag === "string" && !KNOWN_TAGS.has(tag)) {
    const written = tag.replace(/^tag:yaml\.org,2002:/, "!!")
    const start = (raw as { range?: [number] }).range?.[0] ?? 0
    const tagOffset = ctx.text.lastIndexOf(written, start)
    const where = tagOffset >= 0 && start - tagOffset < 256 ? at(ctx, tagOffset) : pos
    fail(ctx, where, pointer, `unknown YAML tag '${written}'; a spec holds plain strings, numbers, booleans, lists and mappings`)
    return NULL_AT(pos)
  }
  if ((isMap(raw) || isSeq(raw)) && depth >= ctx.usage.limits.depth) {
    fail(ctx, pos, pointer, `lists and mappings nest deeper than ${ctx.usage.limits.depth} levels`)
    ctx.stopped = true
    return NULL_AT(pos)
  }
  if (isMap(raw)) return convertMap(ctx, raw, pointer, depth + 1)
  if (isSeq(raw)) {
    return {
      kind: "seq", pos,
      items: raw.items.map((item, i) => convert(ctx, item, childPointer(pointer, i), pos, depth + 1))
    }
  }
  if (isScalar(raw)) {
    if (raw.value === null && raw.source === "") return NULL_AT(fallback)
    const v = raw.value
    const value = typeof v === "bigint" ? Number(v) : v instanceof Date ? v.toISOString() : v
    if (typeof value === "number" && !Number.isFinite(value)) {
      fail(ctx, pos, pointer, `must be a finite number (got ${raw.source})`)
      return NULL_AT(pos)
    }
    return { kind: "scalar", value: value as string | number | boolean | null, pos }
  }
  return NULL_AT(fallback)
}

/** `<<: *anchor` merges the anchored mapping(s) under the explicit keys. */
const mergeSources = (value: unknown): ReadonlyArray<unknown> =>
  isSeq(value) ? value.items : [value]

const convertMap = (ctx: Ctx, raw: { items: ReadonlyArray<unknown>; range?: readonly [number, number, number] | null | undefined }, pointer: string, depth: number): MapNode => {
  const entries = new Map<string, Entry>()
  const merged = new Map<string, Entry>()
  for (const item of raw.items) {
    if (ctx.stopped || ctx.diagnostics.length >= MAX_DIAGNOSTICS) break
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
        const node = convert(ctx, source, pointer, keyPos, depth)
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
    entries.set(key, { keyPos, value: convert(ctx, pair.value, childPointer(pointer, key), keyPos, depth) })
  }
  for (const [k, e] of merged) if (!entries.has(k)) entries.set(k, e)
  return { kind: "map", entries, pos: at(ctx, raw.range?.[0]) }
}

/** Each problem once: an anchored value is converted again wherever an alias repeats it. */
const distinct = (diagnostics: ReadonlyArray<Diagnostic>): ReadonlyArray<Diagnostic> => {
  const seen = new Set<string>()
  return diagnostics.filter((d) => {
    const key = `${d.line}:${d.col}:${d.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** The first syntax error only: later ones are mostly consequences of it. */
const syntaxMessage = (message: string): string => `YAML syntax error: ${message.charAt(0).toLowerCase()}${message.slice(1)}`

/** Line and column of an offset, for problems found before the parser's line counter exists. */
const positionOf = (file: string, text: string, offset: number): Position => {
  const before = text.slice(0, offset)
  const line = before.split("\n").length
  return { file, line, col: offset - before.lastIndexOf("\n") }
}

const parseDocuments = (text: string, lines: LineCounter) => {
  try {
    return parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false })
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e))
  }
}

/**
 * Parses spec text; `file` is recorded in every position. `usage` carries the limits shared with the
 * spec's other files (a fresh budget when absent).
 */
export const parseSpecText = (file: string, text: string, usage: LimitUsage = startUsage()): ParseResult => {
  const scanned = scanYaml(text, usage)
  if (scanned !== undefined) {
    return { ok: false, diagnostics: [{ ...positionOf(file, text, scanned.offset), pointer: "", message: scanned.message }] }
  }
  const lines = new LineCounter()
  const docs = parseDocuments(text, lines)
  if (docs instanceof Error) {
    return { ok: false, diagnostics: [{ file, line: 1, col: 1, pointer: "", message: `the file cannot be parsed as YAML: ${docs.message}` }] }
  }
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
  const ctx: Ctx = { file, lines, doc, diagnostics: [], resolving: new Set(), usage, text, aliasDepth: 0, aliasAt: undefined, stopped: false }
  const root = convert(ctx, doc.contents, "", pos(0))
  if (ctx.diagnostics.length > 0) return { ok: false, diagnostics: distinct(ctx.diagnostics) }
  if (root.kind !== "map") {
    const got = root.kind === "seq" ? "a list" : `a ${root.value === null ? "null" : typeof root.value} value`
    return { ok: false, diagnostics: [{ ...root.pos, pointer: "", message: `the top level must be a mapping of experiment keys (got ${got})` }] }
  }
  return { ok: true, root }
}
