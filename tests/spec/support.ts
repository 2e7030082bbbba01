// Shared helpers for spec tests: temporary spec folders next to the fixture plugins, and diagnostic assertions.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Effect } from "effect"
import { afterAll, expect } from "vitest"
import { type Diagnostic, loadSpec, type ResolvedSpec, type SpecError } from "../../src/spec/index.ts"

/** tests/fixtures. */
export const fixturesDir = path.resolve(import.meta.dirname, "../fixtures")

/** The valid fixture spec; its line numbers are what the edit-based tests refer to. */
export const validSpecFile = path.join(fixturesDir, "specs", "valid.yaml")
export const validSpec = fs.readFileSync(validSpecFile, "utf8")

/** The environment the fixture spec needs. */
export const fixtureEnv = { FAKE_KEY: "sk-test-123456" }

const roots: Array<string> = []
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })))

const KINDS = ["dataset", "teacher", "judge", "trainer"]

/** `<root>/plugins/<kind>/fake/index.ts` re-exporting the fixture plugins (a symlink would change their import base). */
const writePluginShims = (root: string): void => {
  for (const kind of KINDS) {
    const dir = path.join(root, "plugins", kind, "fake")
    fs.mkdirSync(dir, { recursive: true })
    const target = path.join(fixturesDir, "plugins", kind, "fake", "index.ts")
    fs.writeFileSync(path.join(dir, "index.ts"), `export { default } from ${JSON.stringify(target)}\n`)
  }
}

/**
 * Writes `files` under a fresh `<tmp>/specs/` whose sibling `<tmp>/plugins` holds the fixture plugins,
 * so `use: ../plugins/teacher/fake` works as in the fixture spec (`<tmp>` is a project: it holds a package.json).
 * Returns the path of the first file.
 */
export const writeSpecs = (files: Readonly<Record<string, string>>): string => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "spec-test-"))
  roots.push(root)
  fs.writeFileSync(path.join(root, "package.json"), "{}\n")
  writePluginShims(root)
  const names = Object.keys(files)
  for (const name of names) {
    const file = path.join(root, "specs", name)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, files[name]!)
  }
  return path.join(root, "specs", names[0]!)
}

/** The valid spec with 1-based line `n` replaced by `text` (which may hold several lines). */
export const editLine = (n: number, text: string, spec: string = validSpec): string => {
  const lines = spec.split("\n")
  lines.splice(n - 1, 1, text)
  return lines.join("\n")
}

/** Loads a spec that must fail; returns its error. */
export const loadFailure = (file: string, env: Readonly<Record<string, string>> = fixtureEnv): Promise<SpecError> =>
  Effect.runPromise(Effect.flip(loadSpec(file, { env })))

/** Loads a spec that must succeed. */
export const loadSuccess = (file: string, env: Readonly<Record<string, string>> = fixtureEnv): Promise<ResolvedSpec> =>
  Effect.runPromise(loadSpec(file, { env }))

/** What a test expects of one diagnostic; `message` is a phrase it must contain. */
export interface Expected {
  readonly line: number
  readonly col: number
  readonly pointer: string
  readonly message: string
  readonly suggestion?: string
  readonly file?: string
}

/** Asserts that exactly one diagnostic has `expected.pointer`, at the given position and with the phrase. */
export const expectDiagnostic = (diagnostics: ReadonlyArray<Diagnostic>, expected: Expected): Diagnostic => {
  const hits = diagnostics.filter((d) => d.pointer === expected.pointer)
  expect(hits.map((d) => d.message), `diagnostics: ${JSON.stringify(diagnostics)}`).toHaveLength(1)
  const d = hits[0]!
  expect({ line: d.line, col: d.col }).toEqual({ line: expected.line, col: expected.col })
  expect(d.message).toContain(expected.message)
  if (expected.suggestion !== undefined) expect(d.suggestion).toBe(expected.suggestion)
  if (expected.file !== undefined) expect(path.basename(d.file)).toBe(expected.file)
  return d
}

/** Loads the valid spec edited at one line and asserts its only diagnostic. */
export const expectEditFails = async (line: number, text: string, expected: Expected): Promise<Diagnostic> => {
  const error = await loadFailure(writeSpecs({ "x.yaml": editLine(line, text) }))
  expect(error.reason).toBe("invalid")
  expect(error.diagnostics, JSON.stringify(error.diagnostics)).toHaveLength(1)
  return expectDiagnostic(error.diagnostics, expected)
}
