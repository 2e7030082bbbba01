// Run records: runs/<experiment>/<run-id>/ with the redacted spec, the plan and an events.jsonl.
import * as fs from "node:fs"
import * as path from "node:path"
import { createHash } from "node:crypto"
import { writeFileAtomic, writeJsonAtomic } from "./atomic.ts"

/** An open run record. */
export interface RunRecord {
  readonly id: string
  readonly dir: string
  /** Appends one event line (`{ t, event, ...fields }`), written at once. */
  readonly event: (event: string, fields?: Readonly<Record<string, unknown>>) => void
  readonly close: () => void
}

/**
 * The folder name of a spec file's run records: its experiment name plus 8 hex of a digest of the file's absolute
 * path, so two spec files that share a name never share records, while edits to one file keep its history.
 */
export const recordName = (spec: { readonly name: string; readonly file: string }): string =>
  `${spec.name}-${createHash("sha256").update(path.resolve(spec.file)).digest("hex").slice(0, 8)}`

/** A sortable, unique run id: UTC timestamp plus pid. */
export const newRunId = (now = new Date()): string =>
  `${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}-${process.pid}`

/**
 * Creates the run directory, writes the plan, opens the event log and writes the redacted spec text. Given as a
 * function, the text is rendered and written once the event loop next polls (a run's first teacher requests are then
 * on their way, so rendering overlaps their wait), and on close at the latest.
 */
export const openRunRecord = (
  runsDir: string, experiment: string, specText: string | (() => string), plan: unknown
): RunRecord => {
  const id = newRunId()
  const dir = path.join(runsDir, experiment, id)
  fs.mkdirSync(dir, { recursive: true })
  let spec: (() => string) | undefined = typeof specText === "string" ? () => specText : specText
  const writeSpec = () => {
    if (spec === undefined) return
    const text = spec()
    spec = undefined
    writeFileAtomic(path.join(dir, "spec.resolved.yaml"), text)
  }
  if (typeof specText === "string") writeSpec()
  else setImmediate(writeSpec).unref()
  writeJsonAtomic(path.join(dir, "plan.json"), plan)
  const fd = fs.openSync(path.join(dir, "events.jsonl"), "a")
  return {
    id, dir,
    event: (event, fields = {}) => {
      fs.writeSync(fd, JSON.stringify({ t: new Date().toISOString(), event, ...fields }) + "\n")
    },
    close: () => {
      writeSpec()
      fs.fsyncSync(fd)
      fs.closeSync(fd)
    }
  }
}

/** The newest run directory of an experiment, if any. */
export const latestRun = (runsDir: string, experiment: string): string | undefined => {
  const dir = path.join(runsDir, experiment)
  if (!fs.existsSync(dir)) return undefined
  const ids = fs.readdirSync(dir).filter((d) => fs.statSync(path.join(dir, d)).isDirectory()).sort()
  return ids.length === 0 ? undefined : path.join(dir, ids[ids.length - 1])
}
