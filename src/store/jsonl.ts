// JSON-lines files: read all records, write a whole file atomically; failures are StoreErrors naming file and line.
import * as fs from "node:fs"
import { writeFileAtomic } from "./atomic.ts"
import { guarded, storeError } from "./errors.ts"

/** Reads every record of a JSON-lines file; an unparseable line is a `corrupted` StoreError at `file:line`. */
export const readJsonl = <T>(file: string): T[] => {
  const text = guarded("read", file, "cannot read", () => fs.readFileSync(file, "utf8"))
  const out: T[] = []
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return
    try {
      out.push(JSON.parse(line) as T)
    } catch {
      throw storeError("corrupted", file, "unparseable record at", undefined, i + 1)
    }
  })
  return out
}

/** Writes records as JSON lines, atomically. */
export const writeJsonl = (file: string, records: Iterable<unknown>): void => {
  const parts: string[] = []
  for (const r of records) parts.push(JSON.stringify(r))
  writeFileAtomic(file, parts.length === 0 ? "" : parts.join("\n") + "\n")
}
