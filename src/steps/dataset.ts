// dataset step: stream rows from the dataset plugin into rows.jsonl.
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { DatasetError } from "../plugins/dataset.ts"
import { writeJsonl } from "../store/jsonl.ts"
import { StepFailed, type Step } from "./step.ts"
import { serviceAt, type StepEnv } from "./env.ts"

/** The rows file of a dataset node. */
export const ROWS = "rows.jsonl"

/** Loads a dataset and streams its rows to the rows file; the summary records the row and image counts and provenance (e.g. a Hub SHA). */
export const datasetStep = (env: StepEnv): Step<"dataset"> => (ctx) =>
  Effect.gen(function*() {
    const dataset = yield* serviceAt(env, "dataset", ctx.node.params.pointer, ctx.node.id)
    const failed = (e: DatasetError) => new StepFailed({ node: ctx.node.id, reason: "failed", message: `${e.reason}: ${e.message}` })
    const { rows, info } = yield* dataset.load.pipe(Effect.mapError(failed))
    let count = 0
    let chars = 0
    let images = 0
    // what the dataset itself threw while streamed, told apart from a failed write of the rows file
    let thrown: { readonly error: unknown } | undefined
    const counted = (function*() {
      try {
        for (const row of rows) {
          count += 1
          chars += row.question.length
          if (row.image !== undefined) images += 1
          yield row
        }
      } catch (error) {
        thrown = { error }
        throw error
      }
    })()
    try {
      writeJsonl(path.join(ctx.dir, ROWS), counted)
    } catch (e) {
      // a dataset that fails while streamed leaves no rows file (the write is atomic)
      if (thrown === undefined) throw e
    }
    if (thrown !== undefined) {
      if (thrown.error instanceof DatasetError) return yield* failed(thrown.error)
      throw thrown.error
    }
    return { summary: { rows: count, meanChars: count === 0 ? 0 : chars / count, images, info }, outputs: [ROWS] }
  }).pipe(Effect.scoped)
