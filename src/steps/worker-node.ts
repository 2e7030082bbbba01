// A decode or sample node's job: write the worker's job file, run it through the backend, follow its events.
import * as fs from "node:fs"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { declaredResources } from "../plugins/declared-resources.ts"
import { workerCommand } from "../worker/command.ts"
import type { WorkerEvent } from "../worker/events.ts"
import { writeWorkerJob, type WorkerJob } from "../worker/job-file.ts"
import { decodePending } from "../worker/run-job.ts"
import type { EvalStudent } from "../students/open-any.ts"
import { eventTail } from "./job-events.ts"
import { StepFailed, type StepContext } from "./step.ts"
import type { StepEnv } from "./env.ts"

/** The worker's job file inside the node directory. */
export const WORKER_JOB = "job.json"

/** The context of a node whose work a worker does. */
export type WorkerContext = StepContext<"decode"> | StepContext<"sample">

const stderrTail = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n").slice(-5).join("\n") : "")

/**
 * What a worker event means for the node: its progress bar advances with the items logged (counts only grow, also
 * across a requeue), and its start is an event of the run.
 */
export const progressOf = (ctx: WorkerContext) => {
  let seen = 0
  return (e: WorkerEvent): void => {
    if (e.event === "start") {
      ctx.event(`${e.kind}-start`, { node: ctx.node.id, total: e.total, done: e.done, params: e.params, format: e.format, threads: e.threads })
      ctx.progress.note(`${e.format} student, ${e.params.toLocaleString("en-US")} params`)
    }
    if (e.event === "start" || e.event === "progress" || e.event === "done") {
      if (e.done > seen) ctx.progress.advance(e.done - seen)
      seen = Math.max(seen, e.done)
    }
  }
}

/** Runs the job in this process with a student opened here (a light decode, e.g. of a served student). */
export const runInCoordinator = (ctx: WorkerContext, student: EvalStudent, job: WorkerJob): Effect.Effect<void, StepFailed> =>
  decodePending(student, job, progressOf(ctx)).pipe(
    Effect.mapError((e) => new StepFailed({ node: ctx.node.id, reason: "failed", message: e.message })),
    Effect.ensuring(Effect.sync(() => student.close())),
    Effect.asVoid)

/**
 * Runs `job` as the node's backend job (resources: the plugin's declaration, then the site's overrides) and
 * advances the node's progress bar as the worker logs answers; fails the node with the worker's own reason.
 */
export const runWorkerNode = (env: StepEnv, ctx: WorkerContext, job: WorkerJob): Effect.Effect<void, StepFailed> =>
  Effect.gen(function*() {
    const fail = (message: string) => new StepFailed({ node: ctx.node.id, reason: "failed", message })
    const jobFile = path.join(ctx.dir, WORKER_JOB)
    yield* Effect.try({ try: () => writeWorkerJob(jobFile, job), catch: (e) => fail(`cannot write the job file: ${(e as Error).message}`) })
    const stdoutFile = path.join(ctx.dir, `${job.kind}.events.jsonl`)
    const stderrFile = path.join(ctx.dir, `${job.kind}.stderr.log`)
    let tail = eventTail<WorkerEvent>(stdoutFile)
    let last: WorkerEvent | undefined
    const onEvent = progressOf(ctx)
    const follow = () => {
      for (const e of tail()) {
        last = e
        onEvent(e)
      }
    }
    const declared = yield* declaredResources(ctx.node, env.spec, env.run.specDir)
    const cmd = workerCommand(jobFile)
    const end = yield* env.jobs.run({
      node: ctx.node, declared,
      job: { command: cmd.command, args: cmd.args, cwd: ctx.dir, stdoutFile, stderrFile },
      onStart: (offset) => { tail = eventTail<WorkerEvent>(stdoutFile, offset) },
      onPoll: follow
    })
    if (end.state.state !== "succeeded") {
      const stderr = stderrTail(stderrFile)
      const said = "message" in end.state && end.state.message !== undefined ? end.state.message : end.state.state
      const why = end.state.state === "failed" && last?.event === "error" ? last.message : said
      const extra = stderr.endsWith(why) ? stderr.slice(0, -why.length).trim() : stderr
      return yield* fail(`${job.kind} worker: ${why}${extra === "" ? "" : `\n${extra}`}`)
    }
    if (last?.event !== "done") return yield* fail(`${job.kind} worker exited without a 'done' event`)
  })
