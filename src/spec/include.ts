// Resolves `include:` recursively: included specs are merged under the including one; unreadable files, cycles and exceeded limits are located errors.
import * as path from "node:path"
import type { Diagnostic } from "./diagnostic.ts"
import { DEFAULT_LIMITS, type LimitUsage, type SpecLimits, startUsage } from "./limits.ts"
import { mergeNodes } from "./merge.ts"
import { parseSpecText } from "./parse.ts"
import { type ReadOutcome, readSpecFile } from "./read-spec-file.ts"
import type { MapNode, Node, Position } from "./tree.ts"

/** Reads a file's text under a size cap, or says why it cannot be a spec file. */
export type ReadText = (file: string, maxBytes: number) => ReadOutcome

/** The merged tree of a spec and everything it includes, or the problems found. */
export type IncludeResult =
  | { readonly ok: true; readonly root: MapNode; readonly files: ReadonlyArray<string> }
  | { readonly ok: false; readonly diagnostics: ReadonlyArray<Diagnostic> }

const problem = (pos: Position, pointer: string, message: string): Diagnostic => ({ ...pos, pointer, message })

interface State {
  readonly read: ReadText
  readonly diagnostics: Array<Diagnostic>
  readonly files: Set<string>
  readonly usage: LimitUsage
}

const load = (state: State, file: string, chain: ReadonlyArray<string>, from: Position | undefined, fromPointer: string): MapNode | undefined => {
  const where = from ?? { file, line: 1, col: 1 }
  const what = from === undefined ? "spec file" : "include file"
  const { usage } = state
  const { limits } = usage
  if (usage.tokens > limits.tokens || usage.nodes > limits.nodes || usage.aliasNodes > limits.aliasNodes) return undefined
  if (usage.files++ >= limits.files) {
    if (usage.files === limits.files + 1) {
      state.diagnostics.push(problem(where, fromPointer, `too many files: a spec may read at most ${limits.files} files, includes counted each time they are named`))
    }
    return undefined
  }
  const read = state.read(file, limits.fileBytes)
  if (!read.ok) {
    const message = read.reason === "missing" ? `${what} not found: ${file}` : `${what} ${file} ${read.message}`
    state.diagnostics.push(problem(where, fromPointer, message))
    return undefined
  }
  state.files.add(file)
  const parsed = parseSpecText(file, read.text, state.usage)
  if (!parsed.ok) {
    state.diagnostics.push(...parsed.diagnostics)
    return undefined
  }
  return expand(state, parsed.root, [...chain, file])
}

/** Replaces the `include` entry of a parsed file by the merged content of the files it names. */
const expand = (state: State, root: MapNode, chain: ReadonlyArray<string>): MapNode | undefined => {
  const entry = root.entries.get("include")
  if (entry === undefined) return root
  const file = chain[chain.length - 1]!
  const own: MapNode = { ...root, entries: new Map([...root.entries].filter(([k]) => k !== "include")) }
  const list = entry.value
  if (list.kind !== "seq") {
    state.diagnostics.push(problem(entry.keyPos, "/include", "must be a list of file paths (relative to this file)"))
    return undefined
  }
  let base: Node | undefined
  let failed = false
  list.items.forEach((item, i) => {
    const pointer = `/include/${i}`
    if (item.kind !== "scalar" || typeof item.value !== "string" || item.value === "") {
      state.diagnostics.push(problem(item.pos, pointer, "must be a file path (a non-empty string)"))
      failed = true
      return
    }
    const target = path.resolve(path.dirname(file), item.value)
    if (chain.includes(target)) {
      const cycle = [...chain.slice(chain.indexOf(target)), target].map((f) => path.basename(f)).join(" -> ")
      state.diagnostics.push(problem(item.pos, pointer, `include cycle: ${cycle}`))
      failed = true
      return
    }
    const included = load(state, target, chain, item.pos, pointer)
    if (included === undefined) failed = true
    else base = base === undefined ? included : mergeNodes(base, included)
  })
  if (failed) return undefined
  return base === undefined ? own : mergeNodes(base, own) as MapNode
}

/**
 * Loads `file` (absolute) and its includes, depth first; later includes and the including file win.
 * All files share one set of `limits`; only regular files are read.
 */
export const resolveIncludes = (file: string, read: ReadText = readSpecFile, limits: SpecLimits = DEFAULT_LIMITS): IncludeResult => {
  const state: State = { read, diagnostics: [], files: new Set(), usage: startUsage(limits) }
  const root = load(state, file, [], undefined, "")
  return root === undefined || state.diagnostics.length > 0
    ? { ok: false, diagnostics: state.diagnostics }
    : { ok: true, root, files: [...state.files] }
}
