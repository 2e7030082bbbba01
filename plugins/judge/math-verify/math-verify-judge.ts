// The math-verify judge service: each input becomes one pair for the worker; its status becomes a verdict.
import * as Effect from "effect/Effect"
import { JudgeError, type JudgeInput, type JudgeService, type Verdict } from "../../../src/plugins/index.ts"
import type { MathVerifyError, MathVerifyWorker, WorkerResult } from "./worker-process.ts"

/** What Math-Verify's status means as a verdict; a reference it cannot parse is a JudgeError, never a pass. */
export const toVerdict = (r: WorkerResult): Verdict | JudgeError => {
  if (r.status === "bad-reference") return new JudgeError({ reason: "bad-reference", message: "Math-Verify finds no answer in the reference" })
  const extracted = r.pred.length > 0 ? r.pred[r.pred.length - 1]! : null
  if (r.status === "unparseable") return { verdict: "unparseable", extracted: null, by: "rules", detail: "Math-Verify finds no answer" }
  if (r.status === "error") return { verdict: "incorrect", extracted, by: "rules", detail: `Math-Verify failed: ${r.error ?? "unknown error"}` }
  return { verdict: r.status, extracted, by: "rules", detail: `Math-Verify parsed ${JSON.stringify(r.pred[0] ?? "")} against ${JSON.stringify(r.gold[0] ?? "")}` }
}

/**
 * A JudgeService backed by a running worker. Concurrent calls are batched into one request; the
 * worker's failure (it died, it was closed) fails the call with a MathVerifyError.
 */
export const makeMathVerifyJudge = (worker: MathVerifyWorker): JudgeService => ({
  usesModel: false,
  judge: (input: JudgeInput) =>
    Effect.tryPromise({
      try: () => worker.grade({ pred: input.pred, ref: input.ref, ...(input.choices === undefined ? {} : { choices: input.choices }) }),
      catch: (e) => e as MathVerifyError
    }).pipe(
      Effect.flatMap((r) => {
        const v = toVerdict(r)
        return v instanceof JudgeError ? Effect.fail(v) : Effect.succeed(v)
      })
    ) as Effect.Effect<Verdict, JudgeError>
})
