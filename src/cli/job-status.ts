// Job lines for `distill status`: the last job of each node in the last run, with where its log is and how it ends.
import * as fs from "node:fs"
import * as path from "node:path"
import { readSampleLog } from "../store/sample-log.ts"

interface Ended { readonly event: string; readonly node?: string; readonly job?: string; readonly backend?: string; readonly state?: string; readonly log?: string }

/** Per node id: lines about its last ended job in `runDir` (state, backend, log path and the log's last lines). */
export const jobNotes = (runDir: string | undefined, tailLines = 3): Map<string, string[]> => {
  const out = new Map<string, string[]>()
  if (runDir === undefined || !fs.existsSync(path.join(runDir, "events.jsonl"))) return out
  for (const e of readSampleLog<Ended>(path.join(runDir, "events.jsonl"))) {
    if (e.event !== "job-ended" || e.node === undefined) continue
    const lines = [`job ${e.job} on ${e.backend}: ${e.state}`]
    if (e.log !== undefined) {
      const file = path.join(runDir, e.log)
      lines[0] += `; log ${path.relative(process.cwd(), file)}`
      if (fs.existsSync(file)) {
        const tail = fs.readFileSync(file, "utf8").trim().split("\n").filter((l) => l !== "").slice(-tailLines)
        lines.push(...tail.map((l) => `  | ${l.slice(0, 200)}`))
      }
    }
    out.set(e.node, lines)
  }
  return out
}
