// dataset step: load rows through the dataset plugin into rows.jsonl.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { writeJsonl } from "../store/jsonl.ts"
import { StepFailed, type Step } from "./step.ts"
import { serviceAt, type StepEnv } from "./env.ts"

/** The rows file of a dataset node. */
export const ROWS = "rows.jsonl"

/** Loads a dataset and writes its rows; the summary records the row and image counts and provenance (e.g. a Hub SHA). */
export const datasetStep = (env: StepEnv): Step<"dataset"> => (ctx) =>
  Effect.gen(function*() {
    const dataset = yield* serviceAt(env, "dataset", ctx.node.params.pointer, ctx.node.id)
    const { rows, info } = yield* dataset.load.pipe(
      Effect.mapError((e) => new StepFailed({ node: ctx.node.id, reason: "failed", message: `${e.reason}: ${e.message}` })))
    const meanChars = rows.length === 0 ? 0 : rows.reduce((a, r) => a + r.question.length, 0) / rows.length
    writeJsonl(path.join(ctx.dir, ROWS), rows)
    const images = rows.reduce((n, r) => (r.image === undefined ? n : n + 1), 0)
    return { summary: { rows: rows.length, meanChars, images, info }, outputs: [ROWS] }
  }).pipe(Effect.scoped)
