// The report's train/eval overlap section: what the leakage check found, by eval set and row id.
import type { ReportInput } from "./types.ts"

/** Markdown lines naming every eval set with overlaps and its overlapping row ids; "" when there are none. */
export const leakageLines = (leakage: ReportInput["leakage"]): string => {
  const sets = Object.entries(leakage ?? {}).filter(([, l]) => l.length > 0)
  if (sets.length === 0) return ""
  return sets.map(([name, leaks]) => {
    const ids = leaks.slice(0, 20).map((l) => `\`${l.evalId}\` (train ${l.trainIds.slice(0, 3).map((t) => `\`${t}\``).join(", ")})`).join(", ")
    return `- ${name}: ${leaks.length} eval problem(s) also in training: ${ids}${leaks.length > 20 ? ", ..." : ""}`
  }).join("\n")
}
