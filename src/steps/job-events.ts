// Tails a job's JSON-lines stdout file (a trainer's or a worker's) and yields the complete events written since the last read.
import * as fs from "node:fs"
import type { TrainEvent } from "../plugins/trainer.ts"

/** A reader that remembers its offset (default: the file's current end); a half-written last line waits for the next read. */
export const eventTail = <E = TrainEvent>(file: string, from?: number) => {
  let offset = from ?? (fs.existsSync(file) ? fs.statSync(file).size : 0)
  let rest = ""
  return (): E[] => {
    if (!fs.existsSync(file)) return []
    const size = fs.statSync(file).size
    if (size <= offset) return []
    const fd = fs.openSync(file, "r")
    const buf = Buffer.alloc(size - offset)
    fs.readSync(fd, buf, 0, buf.length, offset)
    fs.closeSync(fd)
    offset = size
    const lines = (rest + buf.toString("utf8")).split("\n")
    rest = lines.pop() ?? ""
    const events: E[] = []
    for (const line of lines) {
      if (!line.startsWith("{")) continue
      try {
        events.push(JSON.parse(line) as E)
      } catch {
        continue
      }
    }
    return events
  }
}
