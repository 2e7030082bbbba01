// Train/eval overlaps known before a run: from the stored leakage check, or computed from stored datasets.
import * as fs from "node:fs"
import * as path from "node:path"
import { findLeakDetails } from "../data/leakage.ts"
import type { Plan } from "../plan/node.ts"
import type { Row } from "../plugins/dataset.ts"
import { iterateJsonl, readJsonl } from "../store/jsonl.ts"
import { entryDir, lookup } from "../store/store.ts"
import { ROWS } from "../steps/dataset.ts"
import { describeOverlaps, OVERLAPS, type Overlaps } from "../steps/leakage.ts"

/** Overlaps per eval set, when the leakage check or every dataset it reads is in the store; undefined otherwise. */
export const knownOverlaps = (plan: Plan, storeRoot: string): Overlaps | undefined => {
  const check = plan.nodes.find((n) => n.kind === "leakage")
  if (check === undefined) return undefined
  if (lookup(storeRoot, check.kind, check.key).state === "complete") {
    return JSON.parse(fs.readFileSync(path.join(entryDir(storeRoot, check.kind, check.key), OVERLAPS), "utf8")) as Overlaps
  }
  const files: Record<string, string> = {}
  for (const [role, id] of Object.entries(check.deps)) {
    const n = plan.nodes.find((x) => x.id === id)!
    if (lookup(storeRoot, n.kind, n.key).state !== "complete") return undefined
    files[role] = path.join(entryDir(storeRoot, n.kind, n.key), ROWS)
  }
  const { train, ...evals } = files
  return findLeakDetails(train === undefined ? [] : iterateJsonl<Row>(train),
    Object.fromEntries(Object.entries(evals).map(([role, file]) => [role.replace(/^eval:/u, ""), readJsonl<Row>(file)])))
}

/** Lines for `plan` and `status`: the overlaps by eval set and row id, or that none were found. */
export const overlapLines = (overlaps: Overlaps | undefined): ReadonlyArray<string> => {
  if (overlaps === undefined) return ["train/eval overlap: not checked yet (datasets not loaded)"]
  const lines = describeOverlaps(overlaps, {})
  return lines.length === 0 ? ["train/eval overlap: none found"] : ["train/eval overlap:", ...lines.map((l) => `  ${l}`)]
}
