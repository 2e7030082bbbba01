// Located spec errors: the Diagnostic record, the SpecError failure and their one-line-per-error rendering.
import * as path from "node:path"
import * as Data from "effect/Data"
import { locate, type Node } from "./tree.ts"

/** One problem in a spec, at a file position, with the JSON pointer of the value concerned. */
export interface Diagnostic {
  readonly file: string
  readonly line: number
  readonly col: number
  /** JSON pointer into the merged spec ("" for file-level problems such as syntax errors). */
  readonly pointer: string
  readonly message: string
  /** What would have been accepted, in words. */
  readonly expected?: string
  /** A close valid alternative ("Did you mean ...?"). */
  readonly suggestion?: string
}

/** A problem found on the merged value before it is mapped to a file position. */
export interface Issue {
  readonly pointer: string
  readonly message: string
  /** Point at the key rather than the value (unknown keys, bad names). */
  readonly atKey?: boolean
  readonly expected?: string
  readonly suggestion?: string
}

/** The spec could not be loaded; `diagnostics` says where and why. */
export class SpecError extends Data.TaggedError("SpecError")<{
  readonly reason: "invalid"
  readonly diagnostics: ReadonlyArray<Diagnostic>
  readonly message: string
}> {}

/** Builds a SpecError (diagnostics in reading order) whose message is the formatted diagnostics. */
export const specError = (diagnostics: ReadonlyArray<Diagnostic>): SpecError =>
  new SpecError({ reason: "invalid", diagnostics: sortDiagnostics(diagnostics), message: formatDiagnostics(diagnostics) })

/** Gives an issue the position of its value (or key) in the file it came from. */
export const locateIssue = (root: Node, issue: Issue): Diagnostic => {
  const pos = locate(root, issue.pointer, issue.atKey ?? false)
  return {
    file: pos.file, line: pos.line, col: pos.col, pointer: issue.pointer, message: issue.message,
    ...(issue.expected === undefined ? {} : { expected: issue.expected }),
    ...(issue.suggestion === undefined ? {} : { suggestion: issue.suggestion })
  }
}

const displayPath = (file: string, cwd: string): string => {
  const rel = path.relative(cwd, file)
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file
}

/** One diagnostic as `file:line:col: pointer: message. Did you mean 'x'?`. */
export const formatDiagnostic = (d: Diagnostic, cwd: string = process.cwd()): string => {
  const where = `${displayPath(d.file, cwd)}:${d.line}:${d.col}:`
  const pointer = d.pointer === "" ? "" : ` ${d.pointer}:`
  const hint = d.suggestion === undefined ? "" : `. Did you mean '${d.suggestion}'?`
  return `${where}${pointer} ${d.message}${hint}`
}

/** All diagnostics, sorted by file and position, one per line. */
export const formatDiagnostics = (diagnostics: ReadonlyArray<Diagnostic>, cwd: string = process.cwd()): string =>
  sortDiagnostics(diagnostics).map((d) => formatDiagnostic(d, cwd)).join("\n")

/** Diagnostics in reading order (file, line, column). */
export const sortDiagnostics = (diagnostics: ReadonlyArray<Diagnostic>): ReadonlyArray<Diagnostic> =>
  [...diagnostics].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col)
