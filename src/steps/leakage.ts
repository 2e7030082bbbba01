// leakage step: the train/eval overlap check, run on the datasets before any teacher is called.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { findLeakDetails, type Leak } from "../data/leakage.ts"
import type { Row } from "../plugins/dataset.ts"
import { iterateJsonl, readJsonl } from "../store/jsonl.ts"
import { writeJsonAtomic } from "../store/atomic.ts"
import { ROWS } from "./dataset.ts"
import { StepFailed, type Step } from "./step.ts"

/** The overlaps file of a leakage node: per eval set, the eval rows also found among the training rows. */
export const OVERLAPS = "overlaps.json"

/** Overlaps per eval set, as stored in `overlaps.json`. */
export type Overlaps = Readonly<Record<string, ReadonlyArray<Leak>>>

/** One line per eval set with overlaps, naming the first few row ids. */
export const describeOverlaps = (overlaps: Overlaps, sizes: Readonly<Record<string, number>>): ReadonlyArray<string> =>
  Object.entries(overlaps).filter(([, leaks]) => leaks.length > 0).map(([name, leaks]) => {
    const ids = leaks.slice(0, 5).map((l) => `${l.evalId} (train ${l.trainIds.slice(0, 2).join(", ")})`).join("; ")
    const of = sizes[name] === undefined ? "" : ` of ${sizes[name]}`
    return `${name}: ${leaks.length}${of} eval problems also in training: ${ids}${leaks.length > 5 ? "; ..." : ""}`
  })

/** Compares the training problems with every eval set; with `on_overlap: error` an overlap fails the node. */
export const leakageStep = (): Step<"leakage"> => (ctx) =>
  Effect.gen(function*() {
    // the training rows are streamed past the indexed eval sets
    const train = iterateJsonl<Row>(path.join(ctx.upstream.train!.dir, ROWS))
    const evals: Record<string, Row[]> = {}
    for (const [role, entry] of Object.entries(ctx.upstream)) {
      if (role.startsWith("eval:")) evals[role.slice(5)] = readJsonl<Row>(path.join(entry.dir, ROWS))
    }
    const overlaps = findLeakDetails(train, evals)
    const sizes = Object.fromEntries(Object.entries(evals).map(([n, rows]) => [n, rows.length]))
    const lines = describeOverlaps(overlaps, sizes)
    const counts = Object.fromEntries(Object.entries(overlaps).map(([n, l]) => [n, l.length]))
    if (lines.length > 0) {
      ctx.event("leakage", { node: ctx.node.id, overlaps: counts })
      if (ctx.node.params.onOverlap === "error") {
        return yield* new StepFailed({ node: ctx.node.id, reason: "failed",
          message: `train/eval leakage (leakage.on_overlap: error), no teacher was called:\n  ${lines.join("\n  ")}` })
      }
      process.stderr.write(`WARNING train/eval leakage:\n  ${lines.join("\n  ")}\n`)
    }
    writeJsonAtomic(path.join(ctx.dir, OVERLAPS), overlaps)
    return { summary: { overlaps: counts, sizes }, outputs: [OVERLAPS] }
  })
