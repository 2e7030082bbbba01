// JSON-lines files: read all records, write a whole file atomically.
import * as fs from "node:fs"
import { writeFileAtomic } from "./atomic.ts"

/** Reads every record of a JSON-lines file. */
export const readJsonl = <T>(file: string): T[] =>
  fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as T)

/** Writes records as JSON lines, atomically. */
export const writeJsonl = (file: string, records: Iterable<unknown>): void => {
  const parts: string[] = []
  for (const r of records) parts.push(JSON.stringify(r))
  writeFileAtomic(file, parts.length === 0 ? "" : parts.join("\n") + "\n")
}
